import { z } from 'zod';
import { Readable } from 'node:stream';
import {
  importDelimiterSchema,
  importEncodingSchema,
  importMappingSchema,
  importPolicySchema,
} from '@kiana/contracts';
import type { Db } from '../../../db/database';
import { isUniqueViolation } from '../../../db/errors';
import type { EventBus } from '../../../events/bus';
import type { Clock } from '../../../platform/clock';
import type { FileStore } from '../../../platform/files/files';
import { toCsv } from '../../../platform/csv';
import { defineJobKind, type JobContext } from '../../../platform/jobs/jobs.kind';
import type { AuditActor, AuditService } from '../../audit/audit.service';
import { applyBatch } from './imports.apply';
import { readRowBatchesInThread } from './imports.batches.thread';
import { ImportFileError } from './imports.reader';
import {
  deleteUpload,
  findUpload,
  deleteRejects,
  deleteSeen,
  findImport,
  finishImport,
  listRejects,
  type Checkpoint,
  type ImportRow,
} from './imports.repo';
import type { AttributeDef } from './imports.rows';
import './imports.events';

/** What an import was asked to do, stored with it (`contact_imports.options`). */
export const importOptionsSchema = z.object({
  encoding: importEncodingSchema,
  delimiter: importDelimiterSchema,
  mapping: importMappingSchema,
  policy: importPolicySchema,
  defaultCountry: z.string().length(2).nullable(),
  /** Who started it: the import's audit records name them, not the worker. */
  actor: z.object({
    type: z.enum(['user', 'api_key', 'system', 'anonymous']),
    id: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
  }),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export interface ImportJobDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  bus: EventBus;
  audit: AuditService;
  /** The declared custom attributes and their types (the `contacts.attributes` setting). */
  attributeDefs(): Promise<AttributeDef[]>;
  /** Rows per transaction (default 5,000). The rows are read and normalised (by the one
   * phone normaliser, contacts.phone.ts) in a worker thread: imports.batches.thread.ts. */
  batchSize?: number;
}

/** The durable job that reads an uploaded file and applies it batch by batch. */
export function contactImportJob(deps: ImportJobDeps) {
  return defineJobKind({
    kind: 'contacts.import',
    payload: z.object({ importId: z.string() }),
    // A file that cannot be read fails the import itself (with its reason), not the job;
    // retries are for crashes and lost databases, and each resumes from the checkpoint.
    maxAttempts: 10,
    run: async ({ importId }, ctx) => runImport(deps, importId, ctx),
  });
}

async function runImport(deps: ImportJobDeps, importId: string, ctx: JobContext): Promise<void> {
  const { db, clock } = deps;
  const row = await findImport(db.kysely, importId);
  if (row === undefined || row.status === 'done' || row.status === 'failed') return;
  const options = importOptionsSchema.parse(JSON.parse(row.options));
  const upload = await db.kysely
    .selectFrom('contactUploads')
    .select(['fileKey', 'size'])
    .where('id', '=', row.uploadId)
    .executeTakeFirst();
  const source = upload === undefined ? undefined : await deps.files.get(upload.fileKey);
  if (source === undefined) {
    await finish(deps, ctx, row, options, {
      error: 'The uploaded file is gone; upload it again (stopped at row 1)',
    });
    return;
  }
  const attributeTypes = (await deps.attributeDefs()).map((d): [string, AttributeDef['type']] => [
    d.key,
    d.type,
  ]);
  const meter = startMeter(deps, ctx, row);
  let checkpoint: Checkpoint = checkpointOf(row);
  const batches = readRowBatchesInThread(source, {
    encoding: options.encoding,
    delimiter: options.delimiter,
    mapping: options.mapping,
    defaultCountry: options.defaultCountry,
    attributeTypes,
    skipRows: checkpoint.rowsDone,
    batchSize: deps.batchSize ?? 5_000,
    fileBytes: upload?.size,
  });
  try {
    for await (const { bytesDone, ...read } of batches) {
      if (ctx.signal.aborted) throw new Error('Import interrupted; it resumes from its checkpoint');
      const batch = {
        importId,
        policy: options.policy,
        read,
        before: checkpoint,
        bytesDone,
        now: clock.now(),
      };
      checkpoint = await applyRetryingRaces(db, batch);
      await meter.report(checkpoint);
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    // The rows read since the last checkpoint are dropped: no batch is half applied.
    await finish(deps, ctx, { ...row, ...checkpoint }, options, { error: error.message });
    return;
  }
  await finish(deps, ctx, { ...row, ...checkpoint }, options, { error: null });
}

/**
 * One batch in its transaction. Two imports (or an import and an inbound message) creating
 * the same new number at once on PostgreSQL: the later commit meets the unique number and
 * rolls back whole; run again at once, it sees the other's contact and updates it.
 */
async function applyRetryingRaces(
  db: ImportJobDeps['db'],
  batch: Parameters<typeof applyBatch>[1],
): Promise<Checkpoint> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute((tx) => applyBatch(tx, batch));
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

function checkpointOf(row: ImportRow): Checkpoint {
  const { rowsDone, bytesDone, created, updated, unchanged, invalid, duplicate } = row;
  return { rowsDone, bytesDone, created, updated, unchanged, invalid, duplicate };
}

/** Progress for the job view and the live progress bar: rows/s, percent by bytes, time left. */
function startMeter(deps: ImportJobDeps, ctx: JobContext, row: ImportRow) {
  const started = deps.clock.now();
  const fromRows = row.rowsDone;
  const fromBytes = row.bytesDone;
  return {
    async report(c: Checkpoint): Promise<void> {
      const seconds = Math.max(0.001, (deps.clock.now() - started) / 1000);
      const rowsPerSec = Math.round((c.rowsDone - fromRows) / seconds);
      const percent = row.bytesTotal > 0 ? Math.min(100, (100 * c.bytesDone) / row.bytesTotal) : 0;
      const bytesPerSec = (c.bytesDone - fromBytes) / seconds;
      const secondsLeft =
        bytesPerSec > 0 ? Math.round((row.bytesTotal - c.bytesDone) / bytesPerSec) : null;
      await ctx.progress({
        done: c.rowsDone,
        total: row.bytesTotal,
        note: `${percent.toFixed(1)}%`,
      });
      deps.bus.publish('contacts.import.progress', {
        importId: row.id,
        rowsDone: c.rowsDone,
        rowsPerSec,
        percent: Math.round(percent * 10) / 10,
        secondsLeft,
      });
    },
  };
}

/**
 * Ends an import: the rejected rows go to a CSV in the file store (rewritten whole if a crash
 * repeats this step), then status, summary and the audit record commit with the job itself.
 */
async function finish(
  deps: ImportJobDeps,
  ctx: JobContext,
  row: ImportRow,
  options: ImportOptions,
  end: { error: string | null },
): Promise<void> {
  const rejectedKey = await writeRejected(deps, row.id);
  await ctx.commit(async (tx) => {
    await finishImport(tx, row.id, {
      status: end.error === null ? 'done' : 'failed',
      error: end.error,
      rejectedKey,
      now: deps.clock.now(),
    });
    await deleteSeen(tx, row.id);
    await deleteRejects(tx, row.id);
    await deps.audit.record(tx, {
      actor: options.actor as AuditActor,
      action: 'contacts.import',
      outcome: end.error === null ? 'success' : 'failure',
      target: { type: 'contact_import', id: row.id },
      details: {
        rows: row.rowsDone,
        created: row.created,
        updated: row.updated,
        unchanged: row.unchanged,
        invalid: row.invalid,
        duplicate: row.duplicate,
        policy: options.policy,
        error: end.error,
      },
    });
  });
  // The uploaded file holds personal data and has served its purpose (the purge catches
  // it too, should this process stop right here).
  const upload = await findUpload(deps.db.kysely, row.uploadId);
  if (upload !== undefined) {
    await deps.files.delete(upload.fileKey);
    await deleteUpload(deps.db.kysely, upload.id);
  }
  deps.bus.publish('contacts.import.progress', {
    importId: row.id,
    rowsDone: row.rowsDone,
    rowsPerSec: 0,
    percent:
      end.error === null ? 100 : Math.min(100, (100 * row.bytesDone) / Math.max(1, row.bytesTotal)),
    secondsLeft: 0,
  });
}

const REJECT_COLUMNS = ['row', 'value', 'reason'];

/** Streams the rejected rows, page by page, into a CSV in the file store; null when none. */
async function writeRejected(deps: ImportJobDeps, importId: string): Promise<string | null> {
  const first = await listRejects(deps.db.kysely, importId, 0, 1);
  if (first.length === 0) return null;
  const key = `imports/${importId}.rejected.csv`;
  async function* pages(): AsyncGenerator<string> {
    let after = 0;
    let header = true;
    for (;;) {
      const page = await listRejects(deps.db.kysely, importId, after, 2_000);
      if (page.length === 0) return;
      const csv = toCsv(
        REJECT_COLUMNS,
        page.map((r) => ({ row: r.rowNumber, value: r.value, reason: r.reason })),
      );
      // toCsv writes a header per call: keep the first one only.
      yield header ? csv : csv.slice(csv.indexOf('\r\n') + 2);
      header = false;
      after = page[page.length - 1]?.rowNumber ?? after;
    }
  }
  await deps.files.put(key, Readable.from(pages()), { contentType: 'text/csv' });
  return key;
}
