import type { AuthTables } from './auth.tables';
import { inTransaction, type Executor } from '../../db/executor';

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
export async function countUsers(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Active owners, to keep at least one. */
export async function countActiveOwners(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('users')
    .where('role', '=', 'owner')
    .where('isActive', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  return ex.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(
  ex: Executor,
  username: string,
): Promise<UserRow | undefined> {
  return ex
    .selectFrom('users')
    .select(userColumns)
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function listUsers(ex: Executor): Promise<UserRow[]> {
  return ex.selectFrom('users').select(userColumns).orderBy('createdAt').orderBy('id').execute();
}

/** A new user; the language, time zone and calendar start as "the browser's". */
export type NewUserRow = Omit<UserRow, 'language' | 'timeZone' | 'calendar'> &
  Partial<Pick<UserRow, 'language' | 'timeZone' | 'calendar'>>;

export async function insertUser(ex: Executor, row: NewUserRow): Promise<void> {
  await ex.insertInto('users').values(row).execute();
}

export async function updateUser(
  ex: Executor,
  id: string,
  changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>,
): Promise<void> {
  await ex.updateTable('users').set(changes).where('id', '=', id).execute();
}

/**
 * Stores an accepted TOTP step only if it is newer than the last one, so the same code
 * cannot be used twice even by two concurrent requests. True when this call won.
 */
export async function claimTotpStep(ex: Executor, id: string, step: number): Promise<boolean> {
  const result = await ex
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a user's recovery codes. */
export async function replaceRecoveryCodes(
  ex: Executor,
  userId: string,
  rows: RecoveryCodeRow[],
): Promise<void> {
  await inTransaction(ex, async (trx) => {
    await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
    if (rows.length > 0) await trx.insertInto('recoveryCodes').values(rows).execute();
  });
}

/** Marks an unused recovery code used; true when it existed and was unused. */
export async function useRecoveryCode(
  ex: Executor,
  userId: string,
  codeHash: string,
  now: number,
): Promise<boolean> {
  const result = await ex
    .updateTable('recoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
