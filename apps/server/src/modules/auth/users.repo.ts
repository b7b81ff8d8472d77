import type { Db } from '../../db/database';
import type { AuthTables } from './auth.tables';

export type UserRow = AuthTables['users'];
export type RecoveryCodeRow = AuthTables['recoveryCodes'];

const userColumns = [
  'id',
  'username',
  'displayName',
  'role',
  'passwordHash',
  'isActive',
  'totpSecret',
  'totpPendingSecret',
  'totpLastStep',
  'passwordChangedAt',
  'lastLoginAt',
  'lastLoginIp',
  'lastFailedLoginAt',
  'language',
  'timeZone',
  'calendar',
  'createdAt',
  'updatedAt',
] as const;

/** How many users exist. */
export async function countUsers(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Active owners, to keep at least one. */
export async function countActiveOwners(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('users')
    .where('role', '=', 'owner')
    .where('isActive', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.kysely
    .selectFrom('users')
    .select(userColumns)
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.kysely
    .selectFrom('users')
    .select(userColumns)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** A new user; the language, time zone and calendar start as "the browser's". */
export type NewUserRow = Omit<UserRow, 'language' | 'timeZone' | 'calendar'> &
  Partial<Pick<UserRow, 'language' | 'timeZone' | 'calendar'>>;

export async function insertUser(db: Db, row: NewUserRow): Promise<void> {
  await db.kysely.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>,
): Promise<void> {
  await db.kysely.updateTable('users').set(changes).where('id', '=', id).execute();
}

/**
 * Stores an accepted TOTP step only if it is newer than the last one, so the same code
 * cannot be used twice even by two concurrent requests. True when this call won.
 */
export async function claimTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const result = await db.kysely
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a user's recovery codes. */
export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  rows: RecoveryCodeRow[],
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
    if (rows.length > 0) await trx.insertInto('recoveryCodes').values(rows).execute();
  });
}

/** Marks an unused recovery code used; true when it existed and was unused. */
export async function useRecoveryCode(
  db: Db,
  userId: string,
  codeHash: string,
  now: number,
): Promise<boolean> {
  const result = await db.kysely
    .updateTable('recoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Reads a JSON setting from the shared settings table. */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** Writes a JSON setting; false when `onlyIfAbsent` and it already existed. */
export async function writeSetting(
  db: Db,
  key: string,
  value: string,
  now: number,
  onlyIfAbsent = false,
): Promise<boolean> {
  const result = await db.kysely
    .insertInto('settings')
    .values({ key, value, updatedAt: now })
    .onConflict((oc) =>
      onlyIfAbsent
        ? oc.column('key').doNothing()
        : oc.column('key').doUpdateSet({ value, updatedAt: now }),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
