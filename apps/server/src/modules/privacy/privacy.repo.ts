import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { PrivacyTables } from './privacy.tables';

export type DeletionRequestRow = PrivacyTables['deletionRequests'];
export type PurgeRunRow = PrivacyTables['purgeRuns'];
export type LegalVersionRow = PrivacyTables['legalVersions'];

/** Inserts a deletion request. */
export async function insertDeletionRequest(
  db: Db,
  row: Insertable<DeletionRequestRow>,
): Promise<void> {
  await db.kysely.insertInto('deletionRequests').values(row).execute();
}

/** Changes a deletion request. */
export async function updateDeletionRequest(
  db: Db,
  id: string,
  patch: Updateable<DeletionRequestRow>,
): Promise<void> {
  await db.kysely.updateTable('deletionRequests').set(patch).where('id', '=', id).execute();
}

/** One request by id. */
export async function findDeletionRequest(
  db: Db,
  id: string,
): Promise<DeletionRequestRow | undefined> {
  return db.kysely
    .selectFrom('deletionRequests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One request by its confirmation code. */
export async function findDeletionRequestByCode(
  db: Db,
  code: string,
): Promise<DeletionRequestRow | undefined> {
  return db.kysely
    .selectFrom('deletionRequests')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A page of requests, the most urgent (earliest due) first. */
export async function listDeletionRequests(
  db: Db,
  filter: { status?: string; limit: number; offset: number },
): Promise<{ rows: DeletionRequestRow[]; total: number }> {
  let q = db.kysely.selectFrom('deletionRequests');
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
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
  db: Db,
  row: Insertable<PrivacyTables['suppressionList']>,
): Promise<void> {
  await db.kysely
    .insertInto('suppressionList')
    .values(row)
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

/** True when any of the hashes is on the suppression list. */
export async function anySuppressed(db: Db, hashes: readonly string[]): Promise<boolean> {
  if (hashes.length === 0) return false;
  const row = await db.kysely
    .selectFrom('suppressionList')
    .select('hash')
    .where('hash', 'in', hashes)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the start (or the whole) of a purge run. */
export async function insertPurgeRun(db: Db, row: Insertable<PurgeRunRow>): Promise<void> {
  await db.kysely.insertInto('purgeRuns').values(row).execute();
}

/** Records the outcome of a purge run. */
export async function updatePurgeRun(
  db: Db,
  id: string,
  patch: Updateable<PurgeRunRow>,
): Promise<void> {
  await db.kysely.updateTable('purgeRuns').set(patch).where('id', '=', id).execute();
}

/** One purge run by id. */
export async function findPurgeRun(db: Db, id: string): Promise<PurgeRunRow | undefined> {
  return db.kysely.selectFrom('purgeRuns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest purge runs, newest first. */
export async function listPurgeRuns(db: Db, limit: number): Promise<PurgeRunRow[]> {
  return db.kysely
    .selectFrom('purgeRuns')
    .selectAll()
    .orderBy('startedAt', 'desc')
    .limit(limit)
    .execute();
}

/** Every published version of a page (in one language, or all), newest first. */
export async function listLegalVersions(
  db: Db,
  page: string,
  language?: string,
): Promise<LegalVersionRow[]> {
  let query = db.kysely.selectFrom('legalVersions').selectAll().where('page', '=', page);
  if (language !== undefined) query = query.where('language', '=', language);
  return query.orderBy('version', 'desc').execute();
}

/** Publishes a version; its number is one more than the page's highest. */
export async function insertLegalVersion(
  db: Db,
  row: Omit<Insertable<LegalVersionRow>, 'version'>,
): Promise<LegalVersionRow> {
  return db.kysely.transaction().execute(async (trx) => {
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

/** A JSON setting, or undefined when never saved. */
export async function readSetting(
  db: Db,
  key: string,
): Promise<{ value: string; updatedAt: number } | undefined> {
  return db.kysely
    .selectFrom('settings')
    .select(['value', 'updatedAt'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Saves a JSON setting. */
export async function writeSetting(db: Db, key: string, value: string, at: number): Promise<void> {
  await db.kysely
    .insertInto('settings')
    .values({ key, value, updatedAt: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: at }))
    .execute();
}

/** When a migration was applied (epoch ms), from Kysely's own bookkeeping table. */
export async function migrationAppliedAt(db: Db, name: string): Promise<number | undefined> {
  const result = await sql<{
    timestamp: string;
  }>`select timestamp from kysely_migration where name = ${name}`.execute(db.kysely);
  const t = result.rows[0] === undefined ? NaN : Date.parse(result.rows[0].timestamp);
  return Number.isNaN(t) ? undefined : t;
}
