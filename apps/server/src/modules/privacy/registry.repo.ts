import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../../db/database';
import { textMatch, dialectOf } from '../../db/dialect';
import type { PersonalDataTable, SubjectLink } from './data-registry';
import type { Executor } from '../../db/executor';

/**
 * Generic queries over registered tables. Table and column names come from the registry
 * (code, never input) and go through `sql.table` / `sql.ref`; values are parameters.
 */

/** The person of a request, as every identifier found so far. */
export interface Subject {
  contactIds: string[];
  phones: string[];
  waIds: string[];
  /** Business-scoped user ids (BSUIDs, `US.1349…`) Meta sends since 2026 instead of or with wa_ids. */
  userIds: string[];
  emails: string[];
}

type Row = Record<string, unknown>;
type Where = Record<string, string | number> | undefined;

// IN lists stay well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function inList(column: string, values: readonly (string | number)[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((v) => sql`${v}`))})`;
}

function linkPredicate(
  dialect: Dialect,
  link: SubjectLink,
  subject: Subject,
  parentKeys: ReadonlyMap<string, readonly string[]>,
): RawBuilder<boolean>[] {
  const col = link.column;
  switch (link.by) {
    case 'contactId':
      return subject.contactIds.length > 0 ? [inList(col, subject.contactIds)] : [];
    case 'phone':
      return subject.phones.length > 0 ? [inList(col, subject.phones)] : [];
    case 'waId':
      return subject.waIds.length > 0 ? [inList(col, subject.waIds)] : [];
    case 'email':
      return subject.emails.map((e) => sql<boolean>`lower(${sql.ref(col)}) = ${e.toLowerCase()}`);
    case 'contains': {
      const needles = [
        ...new Set([
          ...subject.waIds,
          ...subject.userIds,
          ...subject.phones.map((p) => p.replace(/\D/g, '')),
          ...subject.emails,
        ]),
      ];
      // Case-insensitive on both dialects: an email may be written in any letter case.
      return needles.filter((n) => n.length >= 6).map((n) => textMatch(dialect, col, n));
    }
    case 'parent': {
      const keys = parentKeys.get(link.table) ?? [];
      return chunks(keys).map((c) => inList(col, c));
    }
  }
}

/** The WHERE clause that finds the subject's rows of a table, or undefined when none can match. */
export function subjectPredicate(
  dialect: Dialect,
  entry: PersonalDataTable,
  subject: Subject,
  parentKeys: ReadonlyMap<string, readonly string[]>,
): RawBuilder<boolean> | undefined {
  const parts = (entry.subject ?? []).flatMap((l) =>
    linkPredicate(dialect, l, subject, parentKeys),
  );
  if (parts.length === 0) return undefined;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The key of every row matching the predicate. */
export async function selectKeys(
  ex: Executor,
  table: string,
  key: string,
  where: RawBuilder<boolean>,
): Promise<string[]> {
  const result = await sql<{
    k: string | number;
  }>`select ${sql.ref(key)} as k from ${sql.table(table)} where ${where}`.execute(ex);
  return result.rows.map((r) => String(r.k));
}

/** Whole rows by key (camelCase keys), for exports, file paths and subject widening. */
export async function selectRowsByKeys(
  ex: Executor,
  table: string,
  key: string,
  keys: readonly string[],
): Promise<Row[]> {
  const out: Row[] = [];
  for (const c of chunks(keys)) {
    const result =
      await sql<Row>`select * from ${sql.table(table)} where ${inList(key, c)} order by ${sql.ref(key)}`.execute(
        ex,
      );
    out.push(...result.rows);
  }
  return out;
}

/** Deletes rows by key; returns how many went. */
export async function deleteByKeys(
  ex: Executor,
  table: string,
  key: string,
  keys: readonly string[],
): Promise<number> {
  let n = 0;
  for (const c of chunks(keys)) {
    const result = await sql`delete from ${sql.table(table)} where ${inList(key, c)}`.execute(ex);
    n += Number(result.numAffectedRows ?? 0);
  }
  return n;
}

/** Overwrites columns of rows by key; returns how many changed. */
export async function updateByKeys(
  ex: Executor,
  table: string,
  key: string,
  keys: readonly string[],
  set: Record<string, string | number | null>,
): Promise<number> {
  const assignments = sql.join(Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
  let n = 0;
  for (const c of chunks(keys)) {
    const result =
      await sql`update ${sql.table(table)} set ${assignments} where ${inList(key, c)}`.execute(ex);
    n += Number(result.numAffectedRows ?? 0);
  }
  return n;
}

function expiredWhere(column: string, cutoff: number, where: Where): RawBuilder<boolean> {
  const extra = Object.entries(where ?? {}).map(([c, v]) => sql<boolean>`${sql.ref(c)} = ${v}`);
  return sql<boolean>`${sql.join([sql`${sql.ref(column)} < ${cutoff}`, ...extra], sql` and `)}`;
}

/** How many rows (and non-null file paths) are older than the cut-off. */
export async function countExpired(
  ex: Executor,
  spec: { table: string; column: string; cutoff: number; where: Where; fileColumn?: string },
): Promise<{ rows: number; files: number }> {
  const files = spec.fileColumn === undefined ? sql`0` : sql`count(${sql.ref(spec.fileColumn)})`;
  const result = await sql<{
    n: number | string;
    f: number | string;
  }>`select count(*) as n, ${files} as f from ${sql.table(spec.table)} where ${expiredWhere(spec.column, spec.cutoff, spec.where)}`.execute(
    ex,
  );
  const row = result.rows[0];
  return { rows: Number(row?.n ?? 0), files: Number(row?.f ?? 0) };
}

/** Up to `limit` keys of rows older than the cut-off. */
export async function selectExpiredKeys(
  ex: Executor,
  spec: { table: string; key: string; column: string; cutoff: number; where: Where; limit: number },
): Promise<string[]> {
  const result = await sql<{
    k: string | number;
  }>`select ${sql.ref(spec.key)} as k from ${sql.table(spec.table)} where ${expiredWhere(spec.column, spec.cutoff, spec.where)} order by ${sql.ref(spec.column)} limit ${spec.limit}`.execute(
    ex,
  );
  return result.rows.map((r) => String(r.k));
}

/** Keys of a table's rows linked to these contacts. */
export async function selectLinkedKeys(
  ex: Executor,
  spec: { table: string; key: string; contactColumn: string; contactIds: readonly string[] },
): Promise<string[]> {
  const keys: string[] = [];
  for (const c of chunks(spec.contactIds)) {
    const result = await sql<{
      k: string | number;
    }>`select ${sql.ref(spec.key)} as k from ${sql.table(spec.table)} where ${inList(spec.contactColumn, c)}`.execute(
      ex,
    );
    keys.push(...result.rows.map((r) => String(r.k)));
  }
  return keys;
}

/**
 * Rows of a table linked to expired parent rows (inactive contacts) that the table's own
 * retention rule does not already expire: what a real run deletes with those contacts.
 */
export async function countLinkedToExpired(
  ex: Executor,
  spec: {
    table: string;
    contactColumn: string;
    fileColumn?: string;
    parent: { table: string; key: string; column: string; cutoff: number; where: Where };
    own?: { column: string; cutoff: number };
  },
): Promise<{ rows: number; files: number }> {
  const p = spec.parent;
  const keep =
    spec.own === undefined
      ? sql`1 = 1`
      : sql`not (${sql.ref(spec.own.column)} < ${spec.own.cutoff})`;
  const files = spec.fileColumn === undefined ? sql`0` : sql`count(${sql.ref(spec.fileColumn)})`;
  const result = await sql<{
    n: number | string;
    f: number | string;
  }>`select count(*) as n, ${files} as f from ${sql.table(spec.table)} where ${sql.ref(spec.contactColumn)} in (select ${sql.ref(p.key)} from ${sql.table(p.table)} where ${expiredWhere(p.column, p.cutoff, p.where)}) and ${keep}`.execute(
    ex,
  );
  const row = result.rows[0];
  return { rows: Number(row?.n ?? 0), files: Number(row?.f ?? 0) };
}

/**
 * Every table of the connected database's schema (for the registry completeness test and the
 * UI). On SQLite only ordinary tables: a full-text index (a virtual table and its shadow
 * tables, e.g. `messages_fts`) holds no rows of its own, only an index of its content table's
 * rows, kept in step with them by triggers (an erasure's deletes included).
 */
export async function listSchemaTables(ex: Executor): Promise<string[]> {
  if (dialectOf(ex) === 'sqlite') {
    const result = await sql<{
      name: string;
    }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name`.execute(
      ex,
    );
    return result.rows.map((r) => r.name);
  }
  const result = await sql<{
    tableName: string;
  }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    ex,
  );
  return result.rows.map((r) => r.tableName);
}

/**
 * SQLite keeps deleted bytes in free pages and the WAL until overwritten: after an erasure,
 * zero them (secure_delete is per connection, so it is set before the erasure runs) and
 * checkpoint the WAL so no copy of the deleted data stays in the data directory.
 */
export async function enableSecureDelete(ex: Executor): Promise<void> {
  if (dialectOf(ex) === 'sqlite') await sql`pragma secure_delete = on`.execute(ex);
}

/**
 * Copies the WAL into the database file and truncates it (SQLite only). A checkpoint already
 * running on another connection (the background checkpointer's) makes this one give way at
 * once with `busy`: it is tried again until it completes.
 */
export async function checkpoint(ex: Executor): Promise<void> {
  if (dialectOf(ex) !== 'sqlite') return;
  for (let attempt = 1; ; attempt++) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(ex);
    if (rows[0]?.busy !== 1) return;
    if (attempt >= 200) throw new Error('the WAL could not be checkpointed: still busy after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
