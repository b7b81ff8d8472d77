import { CompiledQuery, type Updateable } from 'kysely';
import { dialectOf } from './dialect';
import type { Executor } from './executor';
import type { Database } from './schema';

/**
 * `update <table> set … where a = ? and b = ?` for the hot paths (a status webhook's message
 * and recipient, the dispatcher's recipients: several a send), compiled once per shape and
 * dialect. Building a query with Kysely (its operation tree, the camel-case plugin's
 * transform, the compiler) costs tens of microseconds each time; the SQL of one shape never
 * changes, so it is built once with placeholder values whose positions say where each value
 * goes, then run with the values. Returns the number of rows changed.
 */

type Table = keyof Database & string;
type Where<T extends Table> = Partial<Record<keyof Database[T] & string, string | number | null>>;

interface Shape {
  sql: string;
  /** For each parameter, the key of `set` (`s:`) or `where` (`w:`) that fills it. */
  order: string[];
}

const shapes = new Map<string, Shape>();

export async function updateBy<T extends Table>(
  ex: Executor,
  table: T,
  set: Updateable<Database[T]>,
  where: Where<T>,
): Promise<number> {
  const values = set as Record<string, unknown>;
  const match = where as Record<string, unknown>;
  // Like Kysely's `set`, a key whose value is undefined is left out (its column unchanged).
  const setKeys = Object.keys(values).filter((k) => values[k] !== undefined);
  const whereKeys = Object.keys(match);
  if (whereKeys.length === 0 || whereKeys.some((k) => match[k] === undefined))
    throw new Error(`updateBy: every row of ${table} or an undefined key: ${whereKeys.join(', ')}`);
  const key = `${dialectOf(ex)}\u0000${table}\u0000${setKeys.join(',')}\u0000${whereKeys.join(',')}`;
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = compileShape(ex, table, setKeys, whereKeys);
    shapes.set(key, shape);
  }
  const parameters = shape.order.map((k) =>
    k.startsWith('s:') ? values[k.slice(2)] : match[k.slice(2)],
  );
  const result = await ex.executeQuery(CompiledQuery.raw(shape.sql, parameters));
  return Number(result.numAffectedRows ?? 0);
}

function compileShape(ex: Executor, table: Table, setKeys: string[], whereKeys: string[]): Shape {
  // Each placeholder value names its own slot; the compiled parameters list them in order.
  const marks = (prefix: string, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, `\u0000${prefix}${k}`]));
  const set = marks('s:', setKeys);
  const where = marks('w:', whereKeys);
  // The builder's types are per table; the shape is checked by the caller's signature.
  let q = ex.updateTable(table as 'messages').set(set as never);
  for (const k of whereKeys) q = q.where(k as 'id', '=', where[k] as string);
  const compiled = q.compile();
  const order = compiled.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith('\u0000'))
      throw new Error(`updateBy: unexpected parameter in ${compiled.sql}`);
    return p.slice(1);
  });
  if (order.length !== setKeys.length + whereKeys.length)
    throw new Error(
      `updateBy: ${order.length} parameters for ${setKeys.length + whereKeys.length} values`,
    );
  return { sql: compiled.sql, order };
}
