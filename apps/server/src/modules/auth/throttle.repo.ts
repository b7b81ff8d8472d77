import type { Executor } from '../../db/executor';
import type { AuthTables } from './auth.tables';

export type ThrottleRow = AuthTables['loginThrottles'];

/** The throttle rows of these keys (absent keys have no row). */
export async function findThrottles(ex: Executor, keys: string[]): Promise<ThrottleRow[]> {
  return ex
    .selectFrom('loginThrottles')
    .select(['key', 'failures', 'lockedUntil', 'updatedAt'])
    .where('key', 'in', keys)
    .execute();
}

/** Inserts a row unless its key exists; true when this call inserted it. */
export async function insertThrottle(ex: Executor, row: ThrottleRow): Promise<boolean> {
  const inserted = await ex
    .insertInto('loginThrottles')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return inserted.length > 0;
}

/**
 * Replaces a row only if it still holds what the caller read (compare-and-set): two
 * concurrent attempts cannot both take the last free try. True when it was replaced.
 */
export async function replaceThrottle(
  ex: Executor,
  expected: ThrottleRow,
  next: ThrottleRow,
): Promise<boolean> {
  const result = await ex
    .updateTable('loginThrottles')
    .set({ failures: next.failures, lockedUntil: next.lockedUntil, updatedAt: next.updatedAt })
    .where('key', '=', expected.key)
    .where('failures', '=', expected.failures)
    .where('lockedUntil', '=', expected.lockedUntil)
    .where('updatedAt', '=', expected.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function clearThrottle(ex: Executor, key: string): Promise<void> {
  await ex.deleteFrom('loginThrottles').where('key', '=', key).execute();
}
