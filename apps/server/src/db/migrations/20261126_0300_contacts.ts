import type { Kysely } from 'kysely';

// Minimal contacts: a later issue adds tags, segments, the consent ledger and import.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wa_id', 'text', (c) => c.unique())
    .addColumn('phone_e164', 'text')
    .addColumn('profile_name', 'text')
    .addColumn('is_opted_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opted_out_at', 'bigint')
    .addColumn('opt_out_source', 'text')
    .addColumn('opted_in_at', 'bigint')
    .addColumn('opt_in_source', 'text')
    .addColumn('last_inbound_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_phone_e164_idx')
    .on('contacts')
    .column('phone_e164')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contacts').execute();
}
