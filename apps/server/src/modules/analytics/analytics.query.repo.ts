import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/executor';
import type { Database } from '../../db/schema';
import type { RollupCounters, RollupDimensions } from './analytics.tables';
import { COUNTERS, ZERO } from './analytics.contribution';

/** Which rows of the rollups a report covers. */
export interface RollupFilter extends Partial<RollupDimensions> {
  grain: 'hour' | 'day';
  from: number;
  to: number;
}

export type Dimension = keyof RollupDimensions;

type RollupQuery = SelectQueryBuilder<Database, 'analyticsRollups', object>;

function filtered<Q extends RollupQuery>(q: Q, f: RollupFilter): Q {
  let out = q
    .where('grain', '=', f.grain)
    .where('bucketStart', '>=', f.from)
    .where('bucketStart', '<', f.to) as Q;
  for (const d of [
    'accountId',
    'phoneNumberId',
    'templateName',
    'campaignId',
    'category',
    'country',
  ] as const) {
    const v = f[d];
    if (v !== undefined) out = out.where(d, '=', v) as Q;
  }
  return out;
}

const sums = COUNTERS.map((k) => sql<string | number>`sum(${sql.ref(k)})`.as(k));

function counters(row: Record<string, unknown>): RollupCounters {
  const out = { ...ZERO };
  for (const k of COUNTERS) out[k] = Number(row[k] ?? 0);
  return out;
}

/** The counters summed over the filter. */
export async function totals(ex: Executor, f: RollupFilter): Promise<RollupCounters> {
  const row = await filtered(ex.selectFrom('analyticsRollups') as RollupQuery, f)
    .select(sums)
    .executeTakeFirst();
  return counters((row ?? {}) as Record<string, unknown>);
}

/** The counters per step (hour or day) since `f.from`: index 0 is the first step. */
export async function series(
  ex: Executor,
  f: RollupFilter,
  stepMs: number,
): Promise<{ index: number; counts: RollupCounters }[]> {
  // Literals, not parameters: PostgreSQL matches the GROUP BY expression to the selected one
  // only when both are the same text. Both are integers checked by the schema.
  const index = sql<number>`(${sql.ref('bucketStart')} - ${sql.lit(Math.trunc(f.from))}) / ${sql.lit(Math.trunc(stepMs))}`;
  const rows = await filtered(ex.selectFrom('analyticsRollups') as RollupQuery, f)
    .select([index.as('idx'), ...sums])
    .groupBy(index)
    .orderBy(index)
    .execute();
  return rows.map((r) => ({
    index: Number(r.idx),
    counts: counters(r as Record<string, unknown>),
  }));
}

/** The counters per value of one dimension, largest sent + inbound first. */
export async function byDimension(
  ex: Executor,
  f: RollupFilter,
  dimension: Dimension,
  limit: number,
): Promise<{ key: string; counts: RollupCounters }[]> {
  const volume = sql<number>`sum(${sql.ref('sent')}) + sum(${sql.ref('failed')}) + sum(${sql.ref('inbound')})`;
  const rows = await filtered(ex.selectFrom('analyticsRollups') as RollupQuery, f)
    .select([sql.ref<string>(dimension).as('key'), ...sums])
    .groupBy(dimension)
    .orderBy(volume, 'desc')
    .orderBy(dimension)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: String(r.key), counts: counters(r as Record<string, unknown>) }));
}

/** Failed messages per Meta error code, most frequent first. */
export async function failuresByCode(
  ex: Executor,
  f: RollupFilter,
  limit: number,
): Promise<{ code: number; count: number }[]> {
  let q = ex
    .selectFrom('analyticsFailureRollups')
    .where('grain', '=', f.grain)
    .where('bucketStart', '>=', f.from)
    .where('bucketStart', '<', f.to);
  for (const d of [
    'accountId',
    'phoneNumberId',
    'templateName',
    'campaignId',
    'category',
    'country',
  ] as const) {
    const v = f[d];
    if (v !== undefined) q = q.where(d, '=', v);
  }
  const total = sql<string | number>`sum(${sql.ref('count')})`;
  const rows = await q
    .select(['errorCode', total.as('total')])
    .groupBy('errorCode')
    .having(total, '>', 0)
    .orderBy(total, 'desc')
    .orderBy('errorCode')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.errorCode, count: Number(r.total) }));
}
