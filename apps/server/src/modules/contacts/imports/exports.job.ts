import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { contactFilterSchema, type ContactExport, type ContactFilter } from '@kiana/contracts';
import type { Db } from '../../../db/database';
import type { Executor } from '../../../db/executor';
import { NotFoundError } from '../../../errors';
import type { Clock } from '../../../platform/clock';
import { toCsv } from '../../../platform/csv';
import type { FileStore } from '../../../platform/files/files';
import { defineJobKind, type JobKind } from '../../../platform/jobs/jobs.kind';
import type { JobQueue } from '../../../platform/jobs/jobs.queue';
import type { AuditContext, AuditService } from '../../audit/audit.service';
import type { ContactWhere } from '../contacts.list.repo';
import {
  findExport,
  finishExport,
  insertExport,
  pageContacts,
  type ExportRow,
} from './exports.repo';

const PAGE = 2_000;
const COLUMNS = ['phone', 'name', 'language', 'country', 'consent', 'attributes', 'created_at'];

export interface ExportDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  audit: AuditService;
  /** The contacts module's filter compiler (a saved segment loaded, the tree checked). */
  compile(ex: Executor, filter: ContactFilter): Promise<ContactWhere>;
}

const payload = z.object({ exportId: z.string() });

/** The durable job writing matching contacts to a CSV in the file store, page by page. */
export function contactExportJob(deps: ExportDeps): JobKind<typeof payload> {
  return defineJobKind({
    kind: 'contacts.export',
    payload,
    async run({ exportId }, ctx) {
      const row = await findExport(deps.db.kysely, exportId);
      if (row === undefined || row.status === 'done') return;
      const where = await deps.compile(
        deps.db.kysely,
        contactFilterSchema.parse(JSON.parse(row.filter)),
      );
      let count = 0;
      async function* csv(): AsyncGenerator<string> {
        let after = '';
        let header = true;
        for (;;) {
          const page = await pageContacts(deps.db.kysely, where, after, PAGE);
          if (page.length === 0) return;
          const text = toCsv(
            COLUMNS,
            page.map((c) => ({
              phone: c.phoneE164,
              name: c.name ?? c.profileName,
              language: c.language,
              country: c.country,
              consent: c.marketingConsent,
              attributes: c.attributes,
              created_at: new Date(c.createdAt).toISOString(),
            })),
          );
          yield header ? text : text.slice(text.indexOf('\r\n') + 2);
          header = false;
          count += page.length;
          after = page[page.length - 1]?.id ?? after;
          await ctx.progress({ done: count });
        }
      }
      // Rewritten whole on a retry: the file is complete or absent, never half a file.
      const fileKey = `exports/${exportId}.csv`;
      await deps.files.put(fileKey, Readable.from(csv()), { contentType: 'text/csv' });
      await ctx.commit(async (tx) => {
        await finishExport(tx, exportId, { rowCount: count, fileKey, now: deps.clock.now() });
        await deps.audit.record(tx, {
          actor: { type: 'user', id: row.createdBy },
          action: 'contacts.export',
          target: { type: 'contact_export', id: exportId },
          details: { rows: count },
        });
      });
    },
  });
}

/** Exports: start one, follow it, download its file. */
export function createExportsService(
  deps: ExportDeps & { jobs: JobQueue; job: JobKind<typeof payload> },
) {
  const db = deps.db.kysely;
  return {
    async create(filter: ContactFilter, by: AuditContext): Promise<ContactExport> {
      // Checked now, so a bad filter is a 400 here rather than a dead job later.
      await deps.compile(db, filter);
      const now = deps.clock.now();
      const row: ExportRow = {
        id: randomUUID(),
        filter: JSON.stringify(filter),
        status: 'queued',
        rowCount: 0,
        fileKey: null,
        error: null,
        createdBy: by.actor.id ?? null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await insertExport(tx, row);
        await deps.jobs.enqueue(deps.job, { exportId: row.id }, { ex: tx, key: row.id });
        await deps.audit.record(tx, {
          actor: by.actor,
          action: 'contacts.export.start',
          target: { type: 'contact_export', id: row.id },
          ip: by.ip,
          userAgent: by.userAgent,
          details: { segmentId: filter.segmentId ?? null },
        });
      });
      return toDto(row);
    },
    async get(id: string): Promise<ContactExport> {
      const row = await findExport(db, id);
      if (row === undefined) throw new NotFoundError('No such export');
      return toDto(row);
    },
    async download(id: string): Promise<Readable> {
      const row = await findExport(db, id);
      const stream = row?.fileKey == null ? undefined : await deps.files.get(row.fileKey);
      if (stream === undefined) throw new NotFoundError('This export is not ready');
      return stream;
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;

function toDto(row: ExportRow): ContactExport {
  const { id, status, rowCount, error, createdAt, finishedAt } = row;
  return { id, status, rowCount, error, createdAt, finishedAt };
}
