import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  CampaignUpload,
  CampaignUploadCheck,
  CsvRowIssue,
  ImportDelimiter,
  ImportEncoding,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../platform/clock';
import { toCsv, toCsvRows } from '../../platform/csv';
import type { FileStore } from '../../platform/files/files';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { PhoneResult } from '../contacts/contacts.phone';
import { guessMapping } from '../contacts/imports/imports.detect';
import {
  ImportFileError,
  readCsvRecords,
  type FileRecord,
} from '../contacts/imports/imports.reader';
import {
  MAX_UPLOAD_BYTES,
  readSample,
  resolveFormat,
  sampleRecords,
  streamToStore,
} from '../contacts/imports/imports.upload';
import * as repo from './campaigns.repo';
import { assertTransition } from './campaigns.states';
import {
  deleteCampaignUpload,
  findCampaignUpload,
  findCampaignUploadById,
  insertCampaignUpload,
  listCampaignUploads,
  listSpentUploads,
  type CampaignUploadRow,
} from './campaigns.uploads.repo';

/**
 * A CSV audience (issue 15): a file uploaded for a draft, streamed to the file store and read
 * with the contacts import's pieces (encoding and delimiter detection, the csv-parse reader,
 * the column guess), its numbers through the one phone normaliser. The first row is the
 * header; a template parameter's `csv` source names one of its columns.
 */

/** The largest CSV a campaign takes: the contacts import's limit. */
export const CAMPAIGN_UPLOAD_MAX_BYTES = MAX_UPLOAD_BYTES;
const PREVIEW_ROWS = 20;
const MAX_ISSUES_SHOWN = 100;

/** A stored CSV opened for reading: its header and its data records (row 2 onwards). */
export interface OpenCsv {
  header: string[];
  records: AsyncGenerator<FileRecord>;
}

export interface CampaignUploadsDeps {
  db: Executor;
  files: FileStore;
  clock: Clock;
  audit: AuditService;
  /** The one phone normaliser bound to the default country of the moment. */
  normaliser(): Promise<(raw: string) => PhoneResult>;
}

export interface CampaignUploads {
  upload(
    campaignId: string,
    input: {
      body: Readable;
      fileName: string | null;
      encoding?: ImportEncoding;
      delimiter?: ImportDelimiter;
    },
    who: AuditContext,
  ): Promise<CampaignUpload>;
  get(campaignId: string, uploadId: string): Promise<CampaignUpload>;
  /** The whole file through the normaliser: invalid and duplicate rows with their row numbers. */
  check(campaignId: string, uploadId: string, numberColumn: number): Promise<CampaignUploadCheck>;
  /** Every issue of `check` as CSV: row, value, reason, detail, first_row. */
  rejected(campaignId: string, uploadId: string, numberColumn: number): Promise<Readable>;
  /** The header of a campaign's upload, or a validation error naming the field. */
  header(ex: Executor, campaignId: string, uploadId: string): Promise<string[]>;
  /** Opens an upload for materialisation (by id: the campaign is the caller's). */
  open(uploadId: string): Promise<OpenCsv>;
  /** Deletes a campaign's uploads and their files (after materialisation, or with the draft). */
  discard(campaignId: string): Promise<void>;
  /** Deletes the uploads a crash left behind (campaign gone or materialised); answers how many. */
  purge(): Promise<number>;
}

const headerOf = (row: CampaignUploadRow): string[] => JSON.parse(row.headerJson) as string[];

/** A CSV record by header name, and by 0-based index as text (a header name wins). */
export function rowRecord(
  header: readonly string[],
  fields: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  fields.forEach((value, i) => (out[String(i)] = value));
  header.forEach((name, i) => {
    if (name !== '') out[name] = fields[i] ?? '';
  });
  return out;
}

export function createCampaignUploads(deps: CampaignUploadsDeps): CampaignUploads {
  const { db, files, clock } = deps;

  async function find(campaignId: string, uploadId: string): Promise<CampaignUploadRow> {
    const row = await findCampaignUpload(db, campaignId, uploadId);
    if (row === undefined) throw new NotFoundError('CSV upload', uploadId);
    return row;
  }

  async function toDto(row: CampaignUploadRow): Promise<CampaignUpload> {
    const sample = await readSample(files, row.fileKey);
    const format = {
      encoding: row.encoding as ImportEncoding,
      delimiter: row.delimiter as ImportDelimiter,
    };
    const { records, problem } = await sampleRecords(sample, format, PREVIEW_ROWS + 1);
    const header = headerOf(row);
    const rows = records.slice(1);
    return {
      id: row.id,
      campaignId: row.campaignId,
      fileName: row.fileName,
      size: row.size,
      encoding: format.encoding,
      hasBom: row.hasBom === 1,
      delimiter: format.delimiter,
      header,
      rows,
      guessedNumberColumn: guessMapping(header, rows, []).number ?? null,
      problem,
      createdAt: row.createdAt,
    };
  }

  async function open(row: CampaignUploadRow): Promise<OpenCsv> {
    const stream = await files.get(row.fileKey);
    if (stream === undefined) throw new NotFoundError('Uploaded CSV file', row.id);
    const format = {
      encoding: row.encoding as ImportEncoding,
      delimiter: row.delimiter as ImportDelimiter,
    };
    async function* data(): AsyncGenerator<FileRecord> {
      for await (const record of readCsvRecords(stream!, format)) if (record.row > 1) yield record;
    }
    return { header: headerOf(row), records: data() };
  }

  /** Each data row's issue, if any, in file order; the problem that stopped the reading. */
  async function* issuesOf(
    row: CampaignUploadRow,
    numberColumn: number,
    counts: { rows: number; valid: number; problem: string | null },
  ): AsyncGenerator<CsvRowIssue> {
    const header = headerOf(row);
    if (numberColumn >= header.length)
      throw new ValidationError(`The file has ${header.length} columns`, {
        field: 'numberColumn',
      });
    const normalise = await deps.normaliser();
    const seen = new Map<string, number>();
    const { records } = await open(row);
    try {
      for await (const r of records) {
        counts.rows++;
        const value = (r.fields[numberColumn] ?? '').trim();
        const result = normalise(value);
        if (!result.ok) {
          yield {
            row: r.row,
            value: value.slice(0, 200),
            reason: 'invalid_number',
            detail: result.reason,
            firstRow: null,
          };
          continue;
        }
        const first = seen.get(result.e164);
        if (first !== undefined) {
          yield {
            row: r.row,
            value: value.slice(0, 200),
            reason: 'duplicate',
            detail: null,
            firstRow: first,
          };
          continue;
        }
        seen.set(result.e164, r.row);
        counts.valid++;
      }
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      counts.problem = error.message;
    }
  }

  return {
    async upload(campaignId, input, who) {
      const campaign = await repo.findCampaign(db, campaignId);
      if (campaign === undefined) throw new NotFoundError('Campaign', campaignId);
      assertTransition('update', campaign.status);
      const id = randomUUID();
      const fileKey = `campaign-uploads/${id}.csv`;
      const size = await streamToStore(files, fileKey, {
        body: input.body,
        declaredLength: undefined,
        maxBytes: CAMPAIGN_UPLOAD_MAX_BYTES,
      });
      const sample = await readSample(files, fileKey);
      const format = resolveFormat(sample, input);
      const { records, problem } = await sampleRecords(sample, format, 1);
      const header = records[0] ?? [];
      if (header.length === 0) {
        await files.delete(fileKey);
        throw new ValidationError(problem ?? 'The file has no header row', { field: 'file' });
      }
      const row: CampaignUploadRow = {
        id,
        campaignId,
        fileKey,
        fileName: input.fileName,
        size,
        encoding: format.encoding,
        hasBom: format.hasBom ? 1 : 0,
        delimiter: format.delimiter,
        headerJson: JSON.stringify(header),
        createdBy: who.actor.id ?? null,
        createdAt: clock.now(),
      };
      await db.transaction().execute(async (tx) => {
        await insertCampaignUpload(tx, row);
        await deps.audit.record(tx, {
          ...who,
          action: 'campaign.upload',
          target: { type: 'campaign', id: campaignId },
          details: { uploadId: id, bytes: size, encoding: format.encoding },
        });
      });
      return toDto(row);
    },

    get: async (campaignId, uploadId) => toDto(await find(campaignId, uploadId)),

    async check(campaignId, uploadId, numberColumn) {
      const row = await find(campaignId, uploadId);
      const counts = { rows: 0, valid: 0, problem: null as string | null };
      const issues: CsvRowIssue[] = [];
      let invalid = 0;
      let duplicate = 0;
      for await (const issue of issuesOf(row, numberColumn, counts)) {
        if (issue.reason === 'invalid_number') invalid++;
        else duplicate++;
        if (issues.length < MAX_ISSUES_SHOWN) issues.push(issue);
      }
      return {
        rows: counts.rows,
        valid: counts.valid,
        invalid,
        duplicate,
        issues,
        issuesTruncated: invalid + duplicate > issues.length,
        problem: counts.problem,
      };
    },

    async rejected(campaignId, uploadId, numberColumn) {
      const row = await find(campaignId, uploadId);
      const columns = ['row', 'value', 'reason', 'detail', 'first_row'];
      const counts = { rows: 0, valid: 0, problem: null as string | null };
      const issues = issuesOf(row, numberColumn, counts);
      // The first issue is read before answering, so a bad column is a 400, not a broken file.
      const first = await issues.next();
      async function* lines(): AsyncGenerator<string> {
        yield toCsv(columns, []);
        const line = (i: CsvRowIssue) =>
          toCsvRows(columns, [
            {
              row: i.row,
              value: i.value,
              reason: i.reason,
              detail: i.detail,
              first_row: i.firstRow,
            },
          ]);
        if (first.done !== true) yield line(first.value);
        for await (const issue of issues) yield line(issue);
        if (counts.problem !== null)
          yield toCsvRows(columns, [
            { row: null, value: null, reason: 'unreadable', detail: counts.problem },
          ]);
      }
      return Readable.from(lines());
    },

    async header(ex, campaignId, uploadId) {
      const row = await findCampaignUpload(ex, campaignId, uploadId);
      if (row === undefined)
        throw new ValidationError('The CSV was not uploaded for this campaign', {
          field: 'audience.uploadId',
        });
      return headerOf(row);
    },

    async open(uploadId) {
      const row = await findCampaignUploadById(db, uploadId);
      if (row === undefined) throw new NotFoundError('Uploaded CSV', uploadId);
      return open(row);
    },

    async discard(campaignId) {
      for (const row of await listCampaignUploads(db, campaignId)) {
        // The file first: a crash leaves at worst a row pointing to nothing.
        await files.delete(row.fileKey);
        await deleteCampaignUpload(db, row.id);
      }
    },

    async purge() {
      const spent = await listSpentUploads(db, 500);
      for (const row of spent) {
        await files.delete(row.fileKey);
        await deleteCampaignUpload(db, row.id);
      }
      return spent.length;
    },
  };
}
