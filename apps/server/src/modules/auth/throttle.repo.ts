import type { Db } from '../../db/database';
import type { AuthTables } from './auth.tables';

export type ThrottleRow = AuthTables['loginThrottles'];

export async function findThrottles(db: Db, keys: string[]): Promise<ThrottleRow[]> {
  return db.kysely
    .selectFrom('loginThrottles')
    .select(['key', 'failures', 'lockedUntil', 'updatedAt'])
    .where('key', 'in', keys)
    .execute();
}

export async function saveThrottle(db: Db, row: ThrottleRow): Promise<void> {
  await db.kysely
    .insertInto('loginThrottles')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        lockedUntil: row.lockedUntil,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.kysely.deleteFrom('loginThrottles').where('key', '=', key).execute();
}
