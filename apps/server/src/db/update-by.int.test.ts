import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from './database';
import { updateBy } from './update-by';

describe(`updateBy on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await db.kysely
      .insertInto('settings')
      .values(['a', 'b', 'c'].map((key) => ({ key, value: `"${key}0"`, updatedAt: 1 })))
      .execute();
  });
  afterAll(async () => {
    await db.close();
  });

  const rows = async () =>
    await db.kysely
      .selectFrom('settings')
      .select(['key', 'value', 'updatedAt'])
      .orderBy('key')
      .execute();

  it('changes only the rows its keys match, with each call’s own values, and counts them', async () => {
    expect(
      await updateBy(db.kysely, 'settings', { value: '"a1"', updatedAt: 2 }, { key: 'a' }),
    ).toBe(1);
    // The same shape again (compiled once) with other values, inside a transaction.
    await db.kysely.transaction().execute(async (tx) => {
      expect(await updateBy(tx, 'settings', { value: '"b1"', updatedAt: 3 }, { key: 'b' })).toBe(1);
    });
    // Two keys: a row whose second key differs is left alone.
    expect(
      await updateBy(
        db.kysely,
        'settings',
        { value: '"x"', updatedAt: 4 },
        { key: 'c', updatedAt: 9 },
      ),
    ).toBe(0);
    expect(await rows()).toEqual([
      { key: 'a', value: '"a1"', updatedAt: 2 },
      { key: 'b', value: '"b1"', updatedAt: 3 },
      { key: 'c', value: '"c0"', updatedAt: 1 },
    ]);
  });

  it('leaves a column whose value is undefined unchanged, and sets one given null', async () => {
    expect(
      await updateBy(db.kysely, 'settings', { value: undefined, updatedAt: 5 }, { key: 'c' }),
    ).toBe(1);
    expect((await rows())[2]).toEqual({ key: 'c', value: '"c0"', updatedAt: 5 });
    await updateBy(db.kysely, 'settings', { secretValue: 'sealed', updatedAt: 6 }, { key: 'c' });
    await updateBy(db.kysely, 'settings', { secretValue: null, updatedAt: 6 }, { key: 'c' });
    const c = await db.kysely
      .selectFrom('settings')
      .select(['value', 'secretValue', 'updatedAt'])
      .where('key', '=', 'c')
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ value: '"c0"', secretValue: null, updatedAt: 6 });
  });

  it('refuses a match on nothing (it would change every row)', async () => {
    await expect(updateBy(db.kysely, 'settings', { updatedAt: 7 }, {})).rejects.toThrow(
      /every row/,
    );
    expect((await rows()).map((r) => r.updatedAt)).toEqual([2, 3, 6]);
  });
});
