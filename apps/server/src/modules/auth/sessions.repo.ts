import type { Db } from '../../db/database';
import type { AuthTables } from './auth.tables';
import type { UserRow } from './users.repo';

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

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.kysely.insertInto('sessions').values(row).execute();
}

/** A live (not revoked) session and its user, by the session row id. */
export async function findSessionWithUser(
  db: Db,
  id: string,
): Promise<
  | {
      session: SessionRow;
      user: Pick<UserRow, 'id' | 'username' | 'role' | 'isActive' | 'totpSecret'>;
    }
  | undefined
> {
  const row = await db.kysely
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

export async function touchSession(db: Db, id: string, now: number): Promise<void> {
  await db.kysely.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute();
}

/** A user's live sessions, most recent first. */
export async function listLiveSessions(db: Db, userId: string, now: number): Promise<SessionRow[]> {
  return db.kysely
    .selectFrom('sessions')
    .select(sessionColumns)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .orderBy('lastSeenAt', 'desc')
    .execute();
}

/** Revokes one session of a user; true when it was live. */
export async function revokeSession(
  db: Db,
  userId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db.kysely
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
  db: Db,
  userId: string,
  now: number,
  keepId?: string,
): Promise<number> {
  let q = db.kysely
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null);
  if (keepId !== undefined) q = q.where('id', '!=', keepId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
