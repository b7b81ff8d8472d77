import type { Selectable } from 'kysely';
import type { Executor } from '../../../db/executor';
import { LeaseLostError } from '../../../errors';
import type { ContactImportsTables } from './imports.tables';

export type UploadRow = Selectable<ContactImportsTables['contactUploads']>;
export type ImportRow = Selectable<ContactImportsTables['contactImports']>;
export type RejectRow = Selectable<ContactImportsTables['contactImportRejects']>;

// Rows per multi-row statement: 1,000 rows of up to 8 values stay far below SQLite's 32,766
// and PostgreSQL's 65,535 bound parameters.
const CHUNK = 1_000;

function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function insertUpload(ex: Executor, row: UploadRow): Promise<void> {
  await ex.insertInto('contactUploads').values(row).execute();
}

export async function findUpload(ex: Executor, id: string): Promise<UploadRow | undefined> {
  return await ex.selectFrom('contactUploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertImport(ex: Executor, row: ImportRow): Promise<void> {
  await ex.insertInto('contactImports').values(row).execute();
}

export async function findImport(ex: Executor, id: string): Promise<ImportRow | undefined> {
  return await ex.selectFrom('contactImports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest imports, newest first. */
export async function listImports(ex: Executor, limit: number): Promise<ImportRow[]> {
  return await ex
    .selectFrom('contactImports')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The counters a batch adds, and where the file was when it was read. */
export interface Checkpoint {
  rowsDone: number;
  bytesDone: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  duplicate: number;
}

/**
 * Moves the checkpoint from `from` rows to `to`, in the batch's transaction. The condition on
 * the previous `rowsDone` fences it: if another worker resumed the import meanwhile, nothing
 * matches and the batch rolls back instead of being applied twice.
 */
export async function advanceCheckpoint(
  ex: Executor,
  id: string,
  fromRows: number,
  to: Checkpoint,
  now: number,
): Promise<void> {
  const result = await ex
    .updateTable('contactImports')
    .set({ ...to, status: 'running', updatedAt: now })
    .where('id', '=', id)
    .where('rowsDone', '=', fromRows)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new LeaseLostError(`import ${id} moved on without this worker`);
}

/** Marks an import finished (done or failed) with its reason and rejected-rows file. */
export async function finishImport(
  ex: Executor,
  id: string,
  end: { status: 'done' | 'failed'; error: string | null; rejectedKey: string | null; now: number },
): Promise<void> {
  await ex
    .updateTable('contactImports')
    .set({
      status: end.status,
      error: end.error,
      rejectedKey: end.rejectedKey,
      updatedAt: end.now,
      finishedAt: end.now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Drops what an import started by an earlier version wrote of the numbers it met (the reader
 * keeps them in memory now, imports.seen.ts), once it has finished.
 */
export async function deleteSeen(ex: Executor, importId: string): Promise<void> {
  await ex.deleteFrom('contactImportSeen').where('importId', '=', importId).execute();
}

export async function insertRejects(ex: Executor, rows: readonly RejectRow[]): Promise<void> {
  for (const part of chunks(rows))
    await ex.insertInto('contactImportRejects').values(part).execute();
}

/** A page of an import's rejected rows after `afterRow`, in row order. */
export async function listRejects(
  ex: Executor,
  importId: string,
  afterRow: number,
  limit: number,
): Promise<RejectRow[]> {
  return await ex
    .selectFrom('contactImportRejects')
    .selectAll()
    .where('importId', '=', importId)
    .where('rowNumber', '>', afterRow)
    .orderBy('rowNumber')
    .limit(limit)
    .execute();
}

export async function deleteRejects(ex: Executor, importId: string): Promise<void> {
  await ex.deleteFrom('contactImportRejects').where('importId', '=', importId).execute();
}

/** Uploads older than `before` that no queued or running import still reads. */
export async function listStaleUploads(ex: Executor, before: number): Promise<UploadRow[]> {
  return await ex
    .selectFrom('contactUploads')
    .selectAll()
    .where('createdAt', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contactImports')
            .select('contactImports.id')
            .whereRef('contactImports.uploadId', '=', 'contactUploads.id')
            .where('contactImports.status', 'in', ['queued', 'running']),
        ),
      ),
    )
    .limit(500)
    .execute();
}

export async function deleteUpload(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('contactUploads').where('id', '=', id).execute();
}

/** Finished imports older than `before`, with their rejected-rows file. */
export async function listOldImports(
  ex: Executor,
  before: number,
): Promise<{ id: string; rejectedKey: string | null }[]> {
  return await ex
    .selectFrom('contactImports')
    .select(['id', 'rejectedKey'])
    .where('finishedAt', '<', before)
    .limit(500)
    .execute();
}

export async function deleteImport(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('contactImports').where('id', '=', id).execute();
}
