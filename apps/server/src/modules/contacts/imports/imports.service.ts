import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  type ContactImport,
  type ContactUpload,
  type ContactUploadPreview,
  type CreateContactImport,
  type CreateJsonContactImport,
  createContactImportSchema,
  createJsonContactImportSchema,
} from '@kiana/contracts';
import type { Db } from '../../../db/database';
import { NotFoundError } from '../../../errors';
import type { Clock } from '../../../platform/clock';
import type { FileStore } from '../../../platform/files/files';
import type { JobQueue } from '../../../platform/jobs/jobs.queue';
import type { JobKind } from '../../../platform/jobs/jobs.kind';
import type { AuditContext, AuditService } from '../../audit/audit.service';
import type { ImportDelimiter, ImportEncoding } from './imports.detect';
import type { ImportOptions } from './imports.job';
import {
  findImport,
  insertImport,
  insertUpload,
  listImports,
  type ImportRow,
} from './imports.repo';
import { jsonImportAsCsv } from './imports.from-json';
import { getUpload, previewUpload, readSample, resolveFormat, storeUpload } from './imports.upload';

export interface ImportsServiceDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  audit: AuditService;
  jobs: JobQueue;
  job: JobKind;
  /** Keys of the declared custom attributes (settings), for the guessed mapping. */
  attributeKeys(): Promise<string[]>;
  /** The default country setting, for an import that names none. */
  defaultCountry(): Promise<string | null>;
}

/** Contact imports: upload, preview, start, follow, and the rejected rows. */
export interface ImportsService {
  upload(
    input: { body: Readable; declaredLength: number | undefined; fileName: string | null },
    by: AuditContext,
  ): Promise<ContactUpload>;
  preview(
    uploadId: string,
    chosen: { encoding?: ImportEncoding; delimiter?: ImportDelimiter },
  ): Promise<ContactUploadPreview>;
  create(input: CreateContactImport, by: AuditContext): Promise<ContactImport>;
  /** Imports contacts sent as JSON through the same durable job as a CSV upload. */
  createFromJson(input: CreateJsonContactImport, by: AuditContext): Promise<ContactImport>;
  get(id: string): Promise<ContactImport>;
  list(limit: number): Promise<ContactImport[]>;
  /** The CSV of rejected rows (row, value, reason), or 404 when there were none. */
  rejected(id: string): Promise<Readable>;
}

export function createImportsService(deps: ImportsServiceDeps): ImportsService {
  const db = deps.db.kysely;
  const uploadDeps = { db, files: deps.files, clock: deps.clock };
  const service: ImportsService = {
    upload: async (input, by) => await storeUpload(uploadDeps, { ...input, actor: by.actor }),
    preview: async (id, chosen) =>
      await previewUpload(uploadDeps, id, chosen, await deps.attributeKeys()),
    async create(raw, by) {
      const input = createContactImportSchema.parse(raw);
      const upload = await getUpload(db, input.uploadId);
      const format = resolveFormat(await readSample(deps.files, upload.fileKey), input);
      const options: ImportOptions = {
        encoding: format.encoding,
        delimiter: format.delimiter,
        mapping: input.mapping,
        policy: input.policy,
        defaultCountry: input.defaultCountry?.toUpperCase() ?? (await deps.defaultCountry()),
        actor: { type: by.actor.type, id: by.actor.id ?? null, name: by.actor.name ?? null },
      };
      const now = deps.clock.now();
      const row: ImportRow = {
        id: randomUUID(),
        uploadId: upload.id,
        options: JSON.stringify(options),
        status: 'queued',
        rowsDone: 0,
        bytesDone: 0,
        bytesTotal: upload.size,
        created: 0,
        updated: 0,
        unchanged: 0,
        invalid: 0,
        duplicate: 0,
        error: null,
        rejectedKey: null,
        createdBy: by.actor.id ?? null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await insertImport(tx, row);
        await deps.jobs.enqueue(deps.job, { importId: row.id }, { ex: tx, key: row.id });
        await deps.audit.record(tx, {
          actor: by.actor,
          action: 'contacts.import.start',
          target: { type: 'contact_import', id: row.id },
          ip: by.ip,
          userAgent: by.userAgent,
          details: {
            uploadId: upload.id,
            bytes: upload.size,
            policy: options.policy,
            encoding: options.encoding,
          },
        });
      });
      return toDto(row);
    },
    async createFromJson(raw, by) {
      const input = createJsonContactImportSchema.parse(raw);
      const { csv, mapping } = jsonImportAsCsv(input.contacts, await deps.attributeKeys());
      // Stored like an upload (format `json`): the job, the purge and a restart treat it alike.
      const id = randomUUID();
      const fileKey = `imports/${id}.csv`;
      const bytes = Buffer.from(csv, 'utf8');
      await deps.files.put(fileKey, bytes, { contentType: 'text/csv' });
      await insertUpload(db, {
        id,
        fileKey,
        format: 'json',
        size: bytes.length,
        fileName: null,
        createdBy: by.actor.id ?? null,
        createdAt: deps.clock.now(),
      });
      return await service.create(
        {
          uploadId: id,
          encoding: 'utf-8',
          delimiter: ',',
          mapping,
          policy: input.policy,
          defaultCountry: input.defaultCountry,
        },
        by,
      );
    },
    async get(id) {
      const row = await findImport(db, id);
      if (row === undefined) throw new NotFoundError('No such import');
      return toDto(row);
    },
    list: async (limit) => (await listImports(db, limit)).map(toDto),
    async rejected(id) {
      const row = await findImport(db, id);
      const stream = row?.rejectedKey == null ? undefined : await deps.files.get(row.rejectedKey);
      if (stream === undefined) throw new NotFoundError('This import has no rejected rows');
      return stream;
    },
  };
  return service;
}

function toDto(row: ImportRow): ContactImport {
  const options = JSON.parse(row.options) as ImportOptions;
  return {
    id: row.id,
    uploadId: row.uploadId,
    status: row.status,
    policy: options.policy,
    encoding: options.encoding,
    delimiter: options.delimiter,
    rowsDone: row.rowsDone,
    bytesDone: row.bytesDone,
    bytesTotal: row.bytesTotal,
    percent:
      row.status === 'done'
        ? 100
        : row.bytesTotal > 0
          ? Math.round((1000 * row.bytesDone) / row.bytesTotal) / 10
          : 0,
    summary: {
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      invalid: row.invalid,
      duplicate: row.duplicate,
    },
    error: row.error,
    hasRejected: row.rejectedKey !== null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
