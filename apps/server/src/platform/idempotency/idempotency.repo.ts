import type { Executor } from '../../db/executor';
import type { IdempotencyTables } from './idempotency.tables';

export type IdempotencyRow = IdempotencyTables['idempotencyKeys'];

/** Claims (principal, key) for a new request; false when a row already holds it. */
export async function claimKey(
  ex: Executor,
  row: Pick<IdempotencyRow, 'principal' | 'key' | 'requestHash' | 'createdAt' | 'expiresAt'>,
): Promise<boolean> {
  const result = await ex
    .insertInto('idempotencyKeys')
    .values({ ...row, state: 'in_progress' })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findKey(
  ex: Executor,
  principal: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  return ex
    .selectFrom('idempotencyKeys')
    .select([
      'principal',
      'key',
      'requestHash',
      'state',
      'responseStatus',
      'responseType',
      'responseBody',
      'createdAt',
      'expiresAt',
    ])
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Records the first answer; later requests with the key get it back. A streamed body's
 * fingerprint, known only once it was read, replaces the claim's placeholder.
 */
export async function completeKey(
  ex: Executor,
  principal: string,
  key: string,
  response: { status: number; type: string | null; body: string; requestHash?: string },
): Promise<void> {
  await ex
    .updateTable('idempotencyKeys')
    .set({
      state: 'done',
      responseStatus: response.status,
      responseType: response.type,
      responseBody: response.body,
      ...(response.requestHash === undefined ? {} : { requestHash: response.requestHash }),
    })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}

/** Frees a key (the request failed, or its claim is expired or abandoned) when `before` holds. */
export async function releaseKey(
  ex: Executor,
  principal: string,
  key: string,
  createdAt?: number,
): Promise<void> {
  let query = ex
    .deleteFrom('idempotencyKeys')
    .where('principal', '=', principal)
    .where('key', '=', key);
  if (createdAt !== undefined) query = query.where('createdAt', '=', createdAt);
  await query.execute();
}

/** Deletes expired keys; returns how many. */
export async function purgeExpiredKeys(ex: Executor, now: number): Promise<number> {
  const result = await ex
    .deleteFrom('idempotencyKeys')
    .where('expiresAt', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
