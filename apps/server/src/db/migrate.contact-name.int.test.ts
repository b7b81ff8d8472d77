import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from './database';
import { down, up } from './migrations/20261201_0500_contact_name_unique_phone';
import { down as downInboxSearch } from './migrations/20261205_0100_inbox_search';

describe(`migration contact_name_unique_phone on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('folds a number held by several contacts into one before making it unique', async () => {
    // Migrations see an untyped database, as the migrator gives them.
    const k = db.kysely as unknown as Kysely<unknown>;
    // Later migrations first, as the migrator would: the inbox's search triggers read
    // contacts.name, which this migration's down drops.
    await downInboxSearch(k);
    await down(k);
    const phone = '+351912349001';
    const contact = (id: string, waId: string | null, at: number, profile: string) =>
      sql`insert into contacts (id, wa_id, phone_e164, profile_name, is_opted_out, last_inbound_at, created_at, updated_at)
          values (${id}, ${waId}, ${phone}, ${profile}, 0, ${waId === null ? null : at}, ${at}, ${at})`.execute(
        k,
      );
    // The WhatsApp contact, an imported twin (number only, a tag, a consent entry), and a
    // second WhatsApp identity that claimed the number (an admin edit).
    await contact('keeper', '351912349001', 5, 'Ana on WhatsApp');
    await contact('imported', null, 1, 'Ana Imported');
    await contact('other', '351999999999', 2, 'Someone');
    await sql`insert into tags (id, name, name_key, created_at) values ('t1', 'VIP', 'vip', 1)`.execute(
      k,
    );
    await sql`insert into contact_tags (contact_id, tag_id, created_at) values ('imported', 't1', 1)`.execute(
      k,
    );
    await sql`insert into consent_events (id, contact_id, state, occurred_at, recorded_at, source, applied)
              values ('c1', 'imported', 'opted_in', 1, 1, 'import', 1)`.execute(k);

    await up(k);

    const rows = await sql<{ id: string; phone: string | null; name: string | null }>`
      select id, phone_e164 as phone, name from contacts order by id`.execute(k);
    expect(rows.rows).toEqual([
      { id: 'keeper', phone, name: 'Ana Imported' },
      { id: 'other', phone: null, name: null },
    ]);
    const tags = await sql<{ who: string }>`select contact_id as who from contact_tags`.execute(k);
    expect(tags.rows).toEqual([{ who: 'keeper' }]);
    const consent = await sql<{
      who: string;
    }>`select contact_id as who from consent_events`.execute(k);
    expect(consent.rows).toEqual([{ who: 'keeper' }]);
    await expect(contact('again', null, 9, 'Twin')).rejects.toThrow();
  });
});
