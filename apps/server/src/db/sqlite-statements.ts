import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 behind Kysely with its prepared statements kept: Kysely's SQLite driver
 * prepares every query anew, which under the dispatcher's and the webhook intake's load is a
 * third of the process's time (CPU profile of `npm run bench -- campaign-dispatch`). The same
 * SQL text gets the same statement back, least recently used ones dropped past `max`. A
 * statement still iterating (a streamed query) is never handed out twice: that one caller
 * gets a fresh statement.
 */
export function cachingStatements(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) {
        // Map order is insertion order: re-inserting marks it most recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit as unknown as SqliteStatement;
      }
      const stmt = sqlite.prepare(sql);
      if (hit === undefined) {
        cache.set(sql, stmt);
        if (cache.size > max) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      return stmt as unknown as SqliteStatement;
    },
  };
}
