import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from './database';
import { down, up } from './migrations/20261205_0500_contact_tags_without_rowid';

describe(`migration contact_tags_without_rowid on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps the tags, their key and the cascade while the table changes its storage', async () => {
    const k = db.kysely as unknown as Kysely<unknown>;
    const shape = async () =>
      testDialect === 'sqlite'
        ? /without rowid/i.test(
            (
              await sql<{
                sql: string;
              }>`select sql from sqlite_master where name = 'contact_tags'`.execute(k)
            ).rows[0]?.sql ?? '',
          )
        : null;
    expect(await shape()).toBe(testDialect === 'sqlite' ? true : null);
    await down(k);
    expect(await shape()).toBe(testDialect === 'sqlite' ? false : null);
    for (const id of ['a', 'b'])
      await sql`insert into contacts (id, phone_e164, is_opted_out, created_at, updated_at)
                values (${id}, ${`+35191234900${id === 'a' ? 1 : 2}`}, 0, 1, 1)`.execute(k);
    await sql`insert into tags (id, name, name_key, created_at) values ('t1', 'VIP', 'vip', 1)`.execute(
      k,
    );
    await sql`insert into contact_tags (contact_id, tag_id, created_at)
              values ('a', 't1', 1), ('b', 't1', 2)`.execute(k);

    await up(k);

    expect(await shape()).toBe(testDialect === 'sqlite' ? true : null);
    const rows = async () =>
      (
        await sql<{ who: string; at: number }>`
          select contact_id as who, created_at as at from contact_tags order by contact_id`.execute(
          k,
        )
      ).rows.map((r) => [r.who, Number(r.at)]);
    expect(await rows()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    // The key still refuses a pair twice; deleting a contact still takes its tags.
    await expect(
      sql`insert into contact_tags (contact_id, tag_id, created_at) values ('a', 't1', 3)`.execute(
        k,
      ),
    ).rejects.toThrow();
    await sql`delete from contacts where id = 'a'`.execute(k);
    expect(await rows()).toEqual([['b', 2]]);
  });
});
