import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from './database';
import { textMatch } from './dialect';

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
});
