import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PrivacyTables } from './privacy.tables';
import { inTransaction, type Executor } from '../../db/executor';

export type DeletionRequestRow = Selectable<PrivacyTables['deletionRequests']>;
export type PurgeRunRow = PrivacyTables['purgeRuns'];
export type LegalVersionRow = PrivacyTables['legalVersions'];
export type PrivacyExportRow = PrivacyTables['privacyExports'];

/** Inserts a deletion request. */
export async function insertDeletionRequest(
  ex: Executor,
  row: Insertable<PrivacyTables['deletionRequests']>,
): Promise<void> {
  await ex.insertInto('deletionRequests').values(row).execute();
}

/** Changes a deletion request. */
export async function updateDeletionRequest(
  ex: Executor,
  id: string,
  patch: Updateable<DeletionRequestRow>,
): Promise<void> {
  await ex.updateTable('deletionRequests').set(patch).where('id', '=', id).execute();
}

/** One request by id. */
export async function findDeletionRequest(
  ex: Executor,
  id: string,
): Promise<DeletionRequestRow | undefined> {
  return ex.selectFrom('deletionRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One request by its confirmation code. */
export async function findDeletionRequestByCode(
  ex: Executor,
  code: string,
): Promise<DeletionRequestRow | undefined> {
  return ex.selectFrom('deletionRequests').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The request a signed Meta callback opened, if it was seen before. */
export async function findDeletionRequestByCallbackKey(
  ex: Executor,
  callbackKey: string,
): Promise<DeletionRequestRow | undefined> {
  return ex
    .selectFrom('deletionRequests')
    .selectAll()
    .where('callbackKey', '=', callbackKey)
    .executeTakeFirst();
}

/** A page of requests, the most urgent (earliest due) first. */
export async function listDeletionRequests(
  ex: Executor,
  filter: { status?: string; kind?: string; limit: number; offset: number },
): Promise<{ rows: DeletionRequestRow[]; total: number }> {
  let q = ex.selectFrom('deletionRequests');
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  const rows = await q
    .selectAll()
    .orderBy('dueAt', 'asc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

/** Adds a keyed hash to the suppression list (once). */
export async function insertSuppression(
  ex: Executor,
  row: Insertable<PrivacyTables['suppressionList']>,
): Promise<void> {
  await ex
    .insertInto('suppressionList')
    .values(row)
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

/** True when any of the hashes is on the suppression list. */
export async function anySuppressed(ex: Executor, hashes: readonly string[]): Promise<boolean> {
  if (hashes.length === 0) return false;
  const row = await ex
    .selectFrom('suppressionList')
    .select('hash')
    .where('hash', 'in', hashes)
    .executeTakeFirst();
  return row !== undefined;
}

/** The hashes among `hashes` that are on the suppression list (one query; callers chunk). */
export async function suppressedHashesAmong(
  ex: Executor,
  hashes: readonly string[],
): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await ex
    .selectFrom('suppressionList')
    .select('hash')
    .where('hash', 'in', hashes)
    .execute();
  return rows.map((r) => r.hash);
}

/** Records the start (or the whole) of a purge run. */
export async function insertPurgeRun(ex: Executor, row: Insertable<PurgeRunRow>): Promise<void> {
  await ex.insertInto('purgeRuns').values(row).execute();
}

/** Records the outcome of a purge run. */
export async function updatePurgeRun(
  ex: Executor,
  id: string,
  patch: Updateable<PurgeRunRow>,
): Promise<void> {
  await ex.updateTable('purgeRuns').set(patch).where('id', '=', id).execute();
}

/** One purge run by id. */
export async function findPurgeRun(ex: Executor, id: string): Promise<PurgeRunRow | undefined> {
  return ex.selectFrom('purgeRuns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest purge runs, newest first. */
export async function listPurgeRuns(ex: Executor, limit: number): Promise<PurgeRunRow[]> {
  return ex.selectFrom('purgeRuns').selectAll().orderBy('startedAt', 'desc').limit(limit).execute();
}

/** Every published version of a page (in one language, or all), newest first. */
export async function listLegalVersions(
  ex: Executor,
  page: string,
  language?: string,
): Promise<LegalVersionRow[]> {
  let query = ex.selectFrom('legalVersions').selectAll().where('page', '=', page);
  if (language !== undefined) query = query.where('language', '=', language);
  return query.orderBy('version', 'desc').execute();
}

/** Publishes a version; its number is one more than the page's highest. */
export async function insertLegalVersion(
  ex: Executor,
  row: Omit<Insertable<LegalVersionRow>, 'version'>,
): Promise<LegalVersionRow> {
  return inTransaction(ex, async (trx) => {
    const top = await trx
      .selectFrom('legalVersions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('page', '=', row.page)
      .executeTakeFirst();
    const full = { ...row, version: Number(top?.v ?? 0) + 1 };
    await trx.insertInto('legalVersions').values(full).execute();
    return { ...full, publishedBy: full.publishedBy ?? null };
  });
}

/** Records a stored data export. */
export async function insertPrivacyExport(
  ex: Executor,
  row: Insertable<PrivacyExportRow>,
): Promise<void> {
  await ex.insertInto('privacyExports').values(row).execute();
}

/** One data export by id. */
export async function findPrivacyExport(
  ex: Executor,
  id: string,
): Promise<PrivacyExportRow | undefined> {
  return ex.selectFrom('privacyExports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Forgets a data export whose file could not be stored. */
export async function deletePrivacyExport(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('privacyExports').where('id', '=', id).execute();
}

/** When a migration was applied (epoch ms), from Kysely's own bookkeeping table. */
export async function migrationAppliedAt(ex: Executor, name: string): Promise<number | undefined> {
  const result = await sql<{
    timestamp: string;
  }>`select timestamp from kysely_migration where name = ${name}`.execute(ex);
  const t = result.rows[0] === undefined ? NaN : Date.parse(result.rows[0].timestamp);
  return Number.isNaN(t) ? undefined : t;
}
