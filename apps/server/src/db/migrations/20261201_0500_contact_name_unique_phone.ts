import { sql, type Kysely } from 'kysely';

// Result columns are single words: the app's Kysely camel-cases the names of a raw row.
interface Duplicate {
  id: string;
  wa: string | null;
  bsuid: string | null;
  name: string | null;
}

/**
 * Contacts get their own `name` (set by an admin, an import or the API), apart from
 * `profile_name` (what WhatsApp says, overwritten by every inbound message); and a number
 * belongs to one contact at most: `phone_e164` becomes unique, so two imports, or an import
 * and an inbound message, can no longer create the same new number twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('name', 'text').execute();
  // A contact that never wrote to us has no WhatsApp profile name: what it holds was given
  // by an admin or an import, so it moves to `name`.
  await sql`update contacts set name = profile_name, profile_name = null
            where last_inbound_at is null and profile_name is not null`.execute(db);
  // The list sorts by the display name with NULLs last through an expression, which no
  // index of the column serves; the index only cost every insert and update.
  await db.schema.dropIndex('contacts_profile_name_idx').execute();

  await mergeDuplicatePhones(db);
  await db.schema.dropIndex('contacts_phone_e164_idx').execute();
  // NULLs stay distinct on both dialects: contacts known only by their BSUID have no number.
  await db.schema
    .createIndex('contacts_phone_e164_uq')
    .on('contacts')
    .column('phone_e164')
    .unique()
    .execute();
}

/**
 * Numbers held by several contacts (an import beside an inbound message's contact): the one
 * whose wa_id is the number keeps it (else one with a wa_id, else the oldest). A duplicate known by its number
 * alone (no wa_id, no BSUID, no conversation) is folded into it: its tags, consent entries
 * and name move over and it is deleted. A duplicate with an identity of its own keeps its
 * history and loses only the number (its wa_id still reaches it).
 */
async function mergeDuplicatePhones(db: Kysely<unknown>): Promise<void> {
  const groups = await sql<{ phone: string }>`
    select phone_e164 as phone from contacts where phone_e164 is not null
    group by phone_e164 having count(*) > 1`.execute(db);
  for (const { phone } of groups.rows) {
    const rows = await sql<Duplicate>`
      select id, wa_id as wa, user_id as bsuid, name from contacts where phone_e164 = ${phone}
      order by case when '+' || wa_id = phone_e164 then 0 when wa_id is not null then 1 else 2 end,
               created_at, id`.execute(db);
    const [keeper, ...others] = rows.rows;
    if (keeper === undefined) continue;
    for (const dup of others) {
      const talks = await sql<{ n: number }>`
        select count(*) as n from conversations where contact_id = ${dup.id}`.execute(db);
      const isBare = dup.wa === null && dup.bsuid === null && Number(talks.rows[0]?.n) === 0;
      if (!isBare) {
        await sql`update contacts set phone_e164 = null where id = ${dup.id}`.execute(db);
        continue;
      }
      await sql`insert into contact_tags (contact_id, tag_id, created_at)
                select ${keeper.id}, tag_id, created_at from contact_tags t
                where t.contact_id = ${dup.id} and not exists (
                  select 1 from contact_tags k where k.contact_id = ${keeper.id} and k.tag_id = t.tag_id)`.execute(
        db,
      );
      await sql`update consent_events set contact_id = ${keeper.id} where contact_id = ${dup.id}`.execute(
        db,
      );
      await sql`update contacts set name = coalesce(name, ${dup.name}) where id = ${keeper.id}`.execute(
        db,
      );
      await sql`delete from contacts where id = ${dup.id}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('contacts_phone_e164_uq').execute();
  await db.schema
    .createIndex('contacts_phone_e164_idx')
    .on('contacts')
    .column('phone_e164')
    .execute();
  await db.schema
    .createIndex('contacts_profile_name_idx')
    .on('contacts')
    .columns(['profile_name', 'id'])
    .execute();
  await sql`update contacts set profile_name = coalesce(profile_name, name)`.execute(db);
  await db.schema.alterTable('contacts').dropColumn('name').execute();
}
