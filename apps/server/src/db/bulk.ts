import { CompiledQuery, type Compilable } from 'kysely';
import { dialectOf } from './dialect';
import type { Executor } from './executor';

/**
 * Multi-row statements (inserts of many rows, `IN` lists) whose SQL Kysely builds once per
 * shape and row count, then reused with fresh parameters. Kysely's builder makes several
 * operation nodes per bound value and compiles the text again on every call: for the
 * contact import's 500-row, 16-column upserts that was most of each statement's CPU time and
 * most of the import's garbage (CPU profile of `npm run bench -- contacts-import`). The text
 * also stays the same from call to call, so SQLite's prepared statement cache
 * (sqlite-statements.ts) hits instead of preparing a 7,000-parameter statement each time.
 *
 * The statement is still written with Kysely, for both dialects: `build` is called with
 * marker values, and where each marker lands among the compiled parameters tells where each
 * real value goes.
 */
export interface BulkStatement<Item, Row = never> {
  /** Names the statement in the cache of compiled texts. */
  name: string;
  /** Items per statement at most (mind SQLite's 32,766 and PostgreSQL's 65,535 parameters). */
  maxItems: number;
  /** How many values `fields` gives per item. */
  width: number;
  /** The values of one item, always `width` of them. */
  fields(item: Item): readonly unknown[];
  /** The statement over `items` (each `width` values) and the `fixed` values used once. */
  build(
    ex: Executor,
    items: readonly (readonly unknown[])[],
    fixed: readonly unknown[],
  ): Compilable<Row>;
}

/** A statement run by `runBulkFlat`: its values are written straight into the parameters. */
export type FlatStatement<Row = never> = Omit<BulkStatement<never, Row>, 'fields'>;

/** Where a compiled parameter comes from: [item, field], or [-1, i] for fixed value i. */
type Slot = readonly [number, number];
interface Plan {
  sql: string;
  slots: readonly Slot[];
  /** The parameters are the items' values in order, item by item, field by field. */
  flat: boolean;
}

// Keyed by dialect, statement, item count and number of fixed values; the item counts are
// few (see chunkSize), so this stays small.
const plans = new Map<string, Plan>();

/** Runs the statement over every item, in chunks; returns the rows of every chunk. */
export async function runBulk<Item, Row>(
  ex: Executor,
  statement: BulkStatement<Item, Row>,
  items: readonly Item[],
  fixed: readonly unknown[] = [],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < items.length;) {
    const n = chunkSize(items.length - i, statement.maxItems);
    const plan = planFor(ex, statement, n, fixed.length);
    const values: (readonly unknown[])[] = [];
    for (let k = i; k < i + n; k++) values.push(statement.fields(items[k] as Item));
    const parameters = plan.slots.map(([item, field]) =>
      item < 0 ? fixed[field] : values[item]?.[field],
    );
    const result = await ex.executeQuery<Row>(CompiledQuery.raw(plan.sql, parameters));
    for (const r of result.rows) rows.push(r);
    i += n;
  }
  return rows;
}

/**
 * `runBulk` for a statement whose parameters are its items' values in order, item by item and
 * field by field, with no fixed values (a multi-row insert, a one-column `IN` list): `fill`
 * writes item `index`'s `width` values straight into the chunk's parameters from `at`, so no
 * array or object is made per item. For the hot loops of an import, where per-item garbage
 * outlived the young generation and grew the heap.
 */
export async function runBulkFlat<Row>(
  ex: Executor,
  statement: FlatStatement<Row>,
  count: number,
  fill: (parameters: unknown[], at: number, index: number) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < count;) {
    const n = chunkSize(count - i, statement.maxItems);
    const plan = planFor(ex, statement, n, 0);
    if (!plan.flat) throw new Error(`${statement.name}: its parameters are not its items in order`);
    const parameters: unknown[] = new Array<unknown>(n * statement.width);
    for (let k = 0; k < n; k++) fill(parameters, k * statement.width, i + k);
    const result = await ex.executeQuery<Row>(CompiledQuery.raw(plan.sql, parameters));
    for (const r of result.rows) rows.push(r);
    i += n;
  }
  return rows;
}

// Full chunks, then a tail cut into a few fixed sizes, so only a handful of texts exist.
const TAIL_SIZES = [100, 20, 5, 1];
function chunkSize(remaining: number, max: number): number {
  if (remaining >= max) return max;
  return TAIL_SIZES.find((s) => s <= remaining && s <= max) ?? 1;
}

function planFor<Row>(
  ex: Executor,
  statement: FlatStatement<Row>,
  n: number,
  fixedCount: number,
): Plan {
  const key = `${dialectOf(ex)}|${statement.name}|${n}|${fixedCount}`;
  const known = plans.get(key);
  if (known !== undefined) return known;
  const slotOf = new Map<string, Slot>();
  const marker = (item: number, field: number): string => {
    const m = `\u0000bulk:${item}:${field}`;
    slotOf.set(m, [item, field]);
    return m;
  };
  const items = Array.from({ length: n }, (_, item) =>
    Array.from({ length: statement.width }, (_, field) => marker(item, field)),
  );
  const fixed = Array.from({ length: fixedCount }, (_, i) => marker(-1, i));
  const compiled = statement.build(ex, items, fixed).compile();
  const slots = compiled.parameters.map((p) => {
    const slot = typeof p === 'string' ? slotOf.get(p) : undefined;
    // A value the statement wrote itself would be bound as is, to every call: refuse it.
    if (slot === undefined)
      throw new Error(`${statement.name}: a parameter is not an item's value`);
    return slot;
  });
  const flat =
    fixedCount === 0 &&
    slots.length === n * statement.width &&
    slots.every(([item, field], i) => item * statement.width + field === i);
  const plan = { sql: compiled.sql, slots, flat };
  plans.set(key, plan);
  return plan;
}

/**
 * The columns of rows inserted by one bulk statement: the first row's keys, in order. Every
 * row must have exactly these (a row lacking one would be bound `undefined` where Kysely's
 * builder writes DEFAULT); a caller mixing shapes is a bug, refused here.
 */
export function columnsOf<R extends object>(rows: readonly R[]): (keyof R & string)[] {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first) as (keyof R & string)[];
  for (const row of rows)
    if (Object.keys(row).length !== columns.length || !columns.every((c) => c in row))
      throw new Error(`rows of one insert differ in their columns (${columns.join(', ')})`);
  return columns;
}

/** A row of `columns` back from its bulk values (the `build` side of an insert of rows). */
export function rowOf<R>(columns: readonly string[], values: readonly unknown[]): R {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
  return row as R;
}
