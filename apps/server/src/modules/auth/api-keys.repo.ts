import type { Db } from '../../db/database';
import type { AuthTables } from './auth.tables';

export type ApiKeyRow = AuthTables['apiKeys'];

const columns = [
  'id',
  'name',
  'prefix',
  'keyHash',
  'scopes',
  'createdBy',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'revokedAt',
] as const;

export async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db.kysely.insertInto('apiKeys').values(row).execute();
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.kysely
    .selectFrom('apiKeys')
    .select(columns)
    .where('keyHash', '=', keyHash)
    .executeTakeFirst();
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.kysely.selectFrom('apiKeys').select(columns).orderBy('createdAt', 'desc').execute();
}

/** Revokes a key; the row (undefined when unknown) and whether this call revoked it. */
export async function revokeApiKey(
  db: Db,
  id: string,
  now: number,
): Promise<{ row: ApiKeyRow | undefined; revoked: boolean }> {
  const result = await db.kysely
    .updateTable('apiKeys')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  const row = await db.kysely
    .selectFrom('apiKeys')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return { row, revoked: Number(result.numUpdatedRows) === 1 };
}

/**
 * Records a use. True when this is the first use in the current hour, so the caller
 * writes one audit record per key per hour rather than one per request.
 */
export async function markApiKeyUsed(
  db: Db,
  id: string,
  now: number,
  hourStart: number,
): Promise<boolean> {
  const first = await db.kysely
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', hourStart)]))
    .executeTakeFirst();
  if (Number(first.numUpdatedRows) === 1) return true;
  // Within the hour: keep last-used fresh, at most once a minute to spare writes.
  await db.kysely
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where('lastUsedAt', '<', now - 60_000)
    .execute();
  return false;
}
