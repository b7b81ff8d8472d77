import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import { runBulk, runBulkFlat, type BulkStatement, type FlatStatement } from './bulk';
import type { Db } from './database';

interface Setting {
  key: string;
  value: string;
  updatedAt: number;
}

const insertSettings: BulkStatement<Setting> = {
  name: 'test.insertSettings',
  maxItems: 500,
  width: 3,
  // Not in column order: the plan must put each value where the statement wants it.
  fields: (s) => [s.updatedAt, s.key, s.value],
  build: (ex, items) =>
    ex.insertInto('settings').values(
      items.map((v) => ({
        key: v[1] as string,
        value: v[2] as string,
        updatedAt: v[0] as number,
      })),
    ),
};

const settingsIn: BulkStatement<string, { key: string; value: string }> = {
  name: 'test.settingsIn',
  maxItems: 500,
  width: 1,
  fields: (key) => [key],
  build: (ex, items, [value]) =>
    ex
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('value', '=', value as string)
      .where(
        'key',
        'in',
        items.map((v) => v[0] as string),
      ),
};

describe(`runBulk on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes and reads every item across full chunks and an odd tail, values in place', async () => {
    // 1,234 = 2 × 500 + 2 × 100 + 20 + 5 + 4 × 1 statements.
    const rows = Array.from({ length: 1_234 }, (_, i) => ({
      key: `bulk.${String(i).padStart(4, '0')}`,
      value: i % 2 === 0 ? 'even' : 'odd',
      updatedAt: i,
    }));
    await runBulk(db.kysely, insertSettings, rows);
    const stored = await db.kysely
      .selectFrom('settings')
      .select(['key', 'value', 'updatedAt'])
      .where('key', 'like', 'bulk.%')
      .orderBy('key')
      .execute();
    expect(stored).toEqual(rows);

    const even = await runBulk(
      db.kysely,
      settingsIn,
      rows.map((r) => r.key),
      ['even'],
    );
    expect(even.map((r) => r.key).sort()).toEqual(
      rows.filter((r) => r.value === 'even').map((r) => r.key),
    );
    expect(await runBulk(db.kysely, settingsIn, [], ['even'])).toEqual([]);
  });

  it('refuses a statement that binds a value of its own', async () => {
    const literal: BulkStatement<string> = {
      ...insertSettings,
      name: 'test.literal',
      width: 1,
      fields: (k) => [k],
      build: (ex, items) =>
        ex
          .insertInto('settings')
          .values(items.map((v) => ({ key: v[0] as string, value: '{}', updatedAt: 0 }))),
    };
    await expect(runBulk(db.kysely, literal, ['x'])).rejects.toThrow(/not an item's value/);
  });

  it('runs a flat statement filled in place, and refuses one whose values are not in order', async () => {
    const inOrder: FlatStatement = {
      name: 'test.flatSettings',
      maxItems: 500,
      width: 3,
      build: (ex, items) =>
        ex.insertInto('settings').values(
          items.map((v) => ({
            key: v[0] as string,
            value: v[1] as string,
            updatedAt: v[2] as number,
          })),
        ),
    };
    const keys = Array.from({ length: 627 }, (_, i) => `flat.${String(i).padStart(4, '0')}`);
    await runBulkFlat(db.kysely, inOrder, keys.length, (p, at, i) => {
      p[at] = keys[i];
      p[at + 1] = `v${i}`;
      p[at + 2] = i;
    });
    const stored = await db.kysely
      .selectFrom('settings')
      .select(['key', 'value', 'updatedAt'])
      .where('key', 'like', 'flat.%')
      .orderBy('key')
      .execute();
    expect(stored).toEqual(keys.map((key, i) => ({ key, value: `v${i}`, updatedAt: i })));
    // insertSettings binds its values in another order than it takes them.
    const { fields: _, ...outOfOrder } = insertSettings;
    await expect(
      runBulkFlat(db.kysely, { ...outOfOrder, name: 'test.outOfOrder' }, 1, () => {}),
    ).rejects.toThrow(/not its items in order/);
  });
});
