import type { AuthTables } from './auth.tables';
import type { UserRow } from './users.repo';
import type { Executor } from '../../db/executor';

export type SessionRow = AuthTables['sessions'];

const sessionColumns = [
  'sessions.id',
  'sessions.userId',
  'sessions.csrfToken',
  'sessions.ip',
  'sessions.userAgent',
  'sessions.createdAt',
  'sessions.lastSeenAt',
  'sessions.expiresAt',
  'sessions.revokedAt',
] as const;

export async function insertSession(ex: Executor, row: SessionRow): Promise<void> {
  await ex.insertInto('sessions').values(row).execute();
}

/** A live (not revoked) session and its user, by the session row id. */
export async function findSessionWithUser(
  ex: Executor,
  id: string,
): Promise<
  | {
      session: SessionRow;
      user: Pick<UserRow, 'id' | 'username' | 'role' | 'isActive' | 'totpSecret'>;
    }
  | undefined
> {
  const row = await ex
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      ...sessionColumns,
      'users.username',
      'users.role',
      'users.isActive',
      'users.totpSecret',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revokedAt', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { username, role, isActive, totpSecret, ...session } = row;
  return { session, user: { id: session.userId, username, role, isActive, totpSecret } };
}

export async function touchSession(ex: Executor, id: string, now: number): Promise<void> {
  await ex.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute();
}

/** A user's live sessions, most recent first. */
export async function listLiveSessions(
  ex: Executor,
  userId: string,
  now: number,
): Promise<SessionRow[]> {
  return ex
    .selectFrom('sessions')
    .select(sessionColumns)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .orderBy('lastSeenAt', 'desc')
    .execute();
}

/** The users with a live session: not revoked, not expired, used within `idleMs`. */
export async function usersWithLiveSession(
  ex: Executor,
  now: number,
  idleMs: number,
): Promise<string[]> {
  const rows = await ex
    .selectFrom('sessions')
    .select('userId')
    .distinct()
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .where('lastSeenAt', '>', now - idleMs)
    .execute();
  return rows.map((r) => r.userId);
}

/** Revokes one session of a user; true when it was live. */
export async function revokeSession(
  ex: Executor,
  userId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await ex
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every session of a user except `keepId`; returns how many. */
export async function revokeUserSessions(
  ex: Executor,
  userId: string,
  now: number,
  keepId?: string,
): Promise<number> {
  let q = ex
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null);
  if (keepId !== undefined) q = q.where('id', '!=', keepId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
