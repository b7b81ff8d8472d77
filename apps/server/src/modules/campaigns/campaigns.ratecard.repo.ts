import { randomUUID } from 'node:crypto';
import type { RateCardInput } from '@kiana/contracts';
import type { Executor } from '../../db/executor';

/** A rate card row as stored (price in millionths of the currency unit). */
export interface RateRow {
  id: string;
  countryCode: string;
  category: string;
  currency: string;
  priceMicros: number;
  isExample: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** The whole card, '*' rows last within a category, then by country. */
export async function listRateCard(ex: Executor): Promise<RateRow[]> {
  const rows = await ex
    .selectFrom('rateCard')
    .select([
      'id',
      'countryCode',
      'category',
      'currency',
      'priceMicros',
      'isExample',
      'updatedAt',
      'updatedBy',
    ])
    .orderBy('countryCode')
    .orderBy('category')
    .execute();
  // bigint columns come back as strings on PostgreSQL.
  return rows.map((r) => ({
    ...r,
    priceMicros: Number(r.priceMicros),
    isExample: Number(r.isExample),
    updatedAt: Number(r.updatedAt),
  }));
}

/**
 * Replaces the card. A row whose price did not change keeps its id, author and time (and
 * its "example" mark), so the card shows who set which price.
 */
export async function replaceRateCard(
  tx: Executor,
  rows: readonly RateCardInput[],
  at: number,
  by: string,
): Promise<{ changed: number; removed: number }> {
  const before = new Map(
    (await listRateCard(tx)).map((r) => [`${r.countryCode}/${r.category}`, r]),
  );
  const keep = new Set<string>();
  let changed = 0;
  for (const row of rows) {
    const key = `${row.countryCode}/${row.category}`;
    const old = before.get(key);
    if (old !== undefined && old.currency === row.currency && old.priceMicros === row.priceMicros) {
      keep.add(old.id);
      continue;
    }
    changed += 1;
    if (old !== undefined) {
      keep.add(old.id);
      await tx
        .updateTable('rateCard')
        .set({
          currency: row.currency,
          priceMicros: row.priceMicros,
          isExample: 0,
          updatedAt: at,
          updatedBy: by,
        })
        .where('id', '=', old.id)
        .execute();
    } else {
      await tx
        .insertInto('rateCard')
        .values({ id: randomUUID(), ...row, isExample: 0, updatedAt: at, updatedBy: by })
        .execute();
    }
  }
  const gone = [...before.values()].filter((r) => !keep.has(r.id)).map((r) => r.id);
  if (gone.length > 0) await tx.deleteFrom('rateCard').where('id', 'in', gone).execute();
  return { changed, removed: gone.length };
}
