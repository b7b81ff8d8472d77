import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from './database';
import { sql } from 'kysely';
import { greatestOf, textMatch } from './dialect';
import { isUniqueViolation } from './errors';

describe(`textMatch on ${testDialect}`, () => {
  let db: Db;
  const keys = ['a_b', 'axb', '50%off', '500ff', 'back\\slash', 'Campaign.Start', 'campaign.pause'];
  beforeAll(async () => {
    db = await createTestDb();
    await db.kysely
      .insertInto('settings')
      .values(keys.map((key) => ({ key, value: '{}', updatedAt: 0 })))
      .execute();
  });
  afterAll(async () => {
    await db.close();
  });

  const find = async (text: string, mode?: 'contains' | 'prefix'): Promise<string[]> =>
    (
      await db.kysely
        .selectFrom('settings')
        .select('key')
        .where(textMatch(db.dialect, 'key', text, mode))
        .orderBy('key')
        .execute()
    ).map((r) => r.key);

  it('tells a unique violation from other errors, on this database', async () => {
    const again = await db.kysely
      .insertInto('settings')
      .values({ key: 'a_b', value: '{}', updatedAt: 0 })
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(again)).toBe(true);
    const other = await sql`select * from no_such_table`.execute(db.kysely).then(
      () => null,
      (error: unknown) => error,
    );
    expect(other).not.toBeNull();
    expect(isUniqueViolation(other)).toBe(false);
  });

  it('treats %, _ and \\ in the user text literally', async () => {
    expect(await find('a_b')).toEqual(['a_b']);
    expect(await find('%')).toEqual(['50%off']);
    expect(await find('\\')).toEqual(['back\\slash']);
  });

  it('ignores case and matches prefixes when asked', async () => {
    expect(await find('CAMPAIGN', 'prefix')).toEqual(['Campaign.Start', 'campaign.pause']);
    expect(await find('pause', 'prefix')).toEqual([]);
    expect(await find('pause')).toEqual(['campaign.pause']);
  });

  it('greatestOf takes the later value and lets a NULL lose on both dialects', async () => {
    const later = async (a: number | null, b: number | null) => {
      const k = db.kysely as unknown as Parameters<typeof greatestOf>[0];
      const row = await sql<{ v: number | null }>`select ${greatestOf(
        k,
        sql<number | null>`${a}`,
        sql<number | null>`${b}`,
      )} as v`.execute(db.kysely);
      return row.rows[0]?.v === null || row.rows[0]?.v === undefined ? null : Number(row.rows[0].v);
    };
    expect(await later(5, 9)).toBe(9);
    expect(await later(9, 5)).toBe(9);
    expect(await later(null, 7)).toBe(7);
    expect(await later(7, null)).toBe(7);
    expect(await later(null, null)).toBeNull();
  });
});
