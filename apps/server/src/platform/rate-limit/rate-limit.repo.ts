import { sql } from 'kysely';
import type { Executor } from '../../db/executor';

/** Counts one request in the window and returns the window's count so far (atomic on both dialects). */
export async function countRequest(
  ex: Executor,
  subject: string,
  windowStart: number,
): Promise<number> {
  const row = await ex
    .insertInto('apiRateCounters')
    .values({ subject, windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['subject', 'windowStart'])
        .doUpdateSet({ count: sql<number>`api_rate_counters.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Deletes windows that ended before `before`. */
export async function purgeWindows(ex: Executor, before: number): Promise<void> {
  await ex.deleteFrom('apiRateCounters').where('windowStart', '<', before).execute();
}
