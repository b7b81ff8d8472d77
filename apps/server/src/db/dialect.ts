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

/** How a JSON attribute is read: as text, as a number, as `'true'`/`'false'`, or "is it set". */
export type JsonValueKind = 'text' | 'number' | 'boolean';

/**
 * One top-level value of a JSON object held in a text column, or NULL when it is missing or of
 * another JSON type (so a comparison never fails on a value of the wrong type).
 * SQLite: `json_type` / `json_extract`; PostgreSQL: the column cast to `jsonb`.
 */
export function jsonValue(
  dialect: Dialect,
  column: string,
  key: string,
  kind: JsonValueKind,
): RawBuilder<string | number | null> {
  const col = sql.ref(column);
  if (dialect === 'postgres') {
    const typed = sql`jsonb_typeof(${col}::jsonb -> ${key})`;
    const text = sql`${col}::jsonb ->> ${key}`;
    if (kind === 'number') return sql`case when ${typed} = 'number' then (${text})::numeric end`;
    const want = kind === 'text' ? 'string' : 'boolean';
    return sql`case when ${typed} = ${want} then ${text} end`;
  }
  const pathOf = `$.${key}`;
  const typed = sql`json_type(${col}, ${pathOf})`;
  if (kind === 'number')
    return sql`case when ${typed} in ('integer', 'real') then json_extract(${col}, ${pathOf}) end`;
  if (kind === 'boolean') return sql`case when ${typed} in ('true', 'false') then ${typed} end`;
  return sql`case when ${typed} = 'text' then json_extract(${col}, ${pathOf}) end`;
}

/** True when a JSON object in a text column holds a non-null value under `key`. */
export function jsonHasValue(dialect: Dialect, column: string, key: string): RawBuilder<boolean> {
  const col = sql.ref(column);
  return dialect === 'postgres'
    ? sql<boolean>`coalesce(jsonb_typeof(${col}::jsonb -> ${key}), 'null') <> 'null'`
    : sql<boolean>`coalesce(json_type(${col}, ${`$.${key}`}), 'null') <> 'null'`;
}
