import type { AuthTables } from './auth.tables';
import type { Executor } from '../../db/executor';

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

export async function insertApiKey(ex: Executor, row: ApiKeyRow): Promise<void> {
  await ex.insertInto('apiKeys').values(row).execute();
}

export async function findApiKeyByHash(
  ex: Executor,
  keyHash: string,
): Promise<ApiKeyRow | undefined> {
  return ex.selectFrom('apiKeys').select(columns).where('keyHash', '=', keyHash).executeTakeFirst();
}

export async function listApiKeys(ex: Executor): Promise<ApiKeyRow[]> {
  return ex.selectFrom('apiKeys').select(columns).orderBy('createdAt', 'desc').execute();
}

/** Revokes a key; the row (undefined when unknown) and whether this call revoked it. */
export async function revokeApiKey(
  ex: Executor,
  id: string,
  now: number,
): Promise<{ row: ApiKeyRow | undefined; revoked: boolean }> {
  const result = await ex
    .updateTable('apiKeys')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  const row = await ex
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
  ex: Executor,
  id: string,
  now: number,
  hourStart: number,
): Promise<boolean> {
  const first = await ex
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', hourStart)]))
    .executeTakeFirst();
  if (Number(first.numUpdatedRows) === 1) return true;
  // Within the hour: keep last-used fresh, at most once a minute to spare writes.
  await ex
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where('lastUsedAt', '<', now - 60_000)
    .execute();
  return false;
}
