import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from './database';

/*
 * The few places where SQLite and PostgreSQL differ, kept in one file so every
 * repo query stays portable.
 */

/** Any Kysely handle or transaction, whatever its schema: only its adapter is looked at. */
type AnyKysely = Pick<Kysely<unknown>, 'getExecutor'>;

/** True when the handle (or transaction) talks to PostgreSQL. */
export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/** The dialect an Executor (database handle or transaction) talks to. */
export function dialectOf(db: AnyKysely): Dialect {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}

/**
 * The later of two nullable values (a NULL loses): `greatest` on PostgreSQL, which skips
 * NULLs, scalar `max` on SQLite, which returns NULL if either is — hence the coalesce.
 * For "never move back" updates of out-of-order events.
 */
export function greatestOf<T extends number | null>(
  db: AnyKysely,
  a: Expression<T>,
  b: Expression<T>,
): RawBuilder<T> {
  const fn = sql.raw(isPostgres(db) ? 'greatest' : 'max');
  return sql<T>`coalesce(${fn}(${a}, ${b}), ${a}, ${b})`;
}

/** Column type for binary data. */
export function blobType(dialect: Dialect): 'blob' | 'bytea' {
  return dialect === 'postgres' ? 'bytea' : 'blob';
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (already case-insensitive for ASCII) on SQLite. */
export function likeOperator(dialect: Dialect): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Escapes %, _ and \ for a LIKE pattern used with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A case-insensitive text match on a column: `contains` (default) or `prefix`. The user's
 * text is escaped, and the escape character is named, since SQLite has no default one.
 */
export function textMatch(
  dialect: Dialect,
  column: string,
  text: string,
  mode: 'contains' | 'prefix' = 'contains',
): RawBuilder<boolean> {
  const pattern = `${mode === 'contains' ? '%' : ''}${escapeLike(text)}%`;
  return sql<boolean>`${sql.ref(column)} ${sql.raw(likeOperator(dialect))} ${pattern} escape '\\'`;
}

/** `FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on SQLite, whose writers are serialised. */
export function skipLocked(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`for update skip locked` : sql``;
}
