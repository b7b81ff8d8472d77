import { sql } from 'kysely';
import type { Db } from './database';
import type { Tx } from './executor';

/**
 * Runs `fn` in a transaction whose commit is on disk before this resolves. For commits that
 * acknowledge something to the outside (a webhook answered 200, a job claim). SQLite runs
 * with `synchronous = NORMAL` (WAL), whose commits survive a process crash but may roll back
 * on power loss; the safety level cannot change inside a transaction, so it is raised to
 * FULL around this one on the single connection, which also makes the WAL fsync at commit.
 * PostgreSQL commits are durable already (`synchronous_commit` on).
 */
export async function durableTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.dialect !== 'sqlite') return await db.kysely.transaction().execute(fn);
  return await db.kysely.connection().execute(async (conn) => {
    await sql`pragma synchronous = FULL`.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql`pragma synchronous = NORMAL`.execute(conn);
    }
  });
}
