import { sql, type Kysely } from 'kysely';

/**
 * Contacts and audiences (issue 14): attributes, language and country on contacts, the
 * marketing consent the ledger projects into, tags and saved segments.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('language', 'text').execute();
  // ISO 3166 alpha-2 of the number (libphonenumber), for filters and segments.
  await db.schema.alterTable('contacts').addColumn('country', 'text').execute();
  // Custom attributes, JSON `{ [key]: value }`, keys declared in the `contacts.attributes` setting.
  await db.schema
    .alterTable('contacts')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // 'opted_in' | 'opted_out' | 'unknown': the projection of the consent ledger.
  await db.schema
    .alterTable('contacts')
    .addColumn('marketing_consent', 'text', (c) => c.notNull().defaultTo('unknown'))
    .execute();
  await db.schema.alterTable('contacts').addColumn('consent_changed_at', 'bigint').execute();
  await sql`update contacts set marketing_consent = 'opted_out', consent_changed_at = opted_out_at
            where is_opted_out = 1`.execute(db);
  await sql`update contacts set marketing_consent = 'opted_in', consent_changed_at = opted_in_at
            where is_opted_out = 0 and opted_in_at is not null`.execute(db);

  // Sorting and filtering the list over a million contacts.
  for (const column of ['country', 'created_at', 'updated_at', 'last_inbound_at', 'profile_name']) {
    await db.schema
      .createIndex(`contacts_${column}_idx`)
      .on('contacts')
      .columns([column, 'id'])
      .execute();
  }
  await db.schema
    .createIndex('contacts_marketing_consent_idx')
    .on('contacts')
    .columns(['marketing_consent', 'id'])
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The name folded (NFC, lower case) in code: unique case-insensitively, the same way on
    // both dialects (SQLite's lower() folds ASCII only).
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('colour', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contact_tags')
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag_id'])
    .execute();
  // Covering index: a tag's members are counted and listed from the index alone.
  await db.schema
    .createIndex('contact_tags_tag_id_idx')
    .on('contact_tags')
    .columns(['tag_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter_json', 'text', (c) => c.notNull())
    // The user who created it (users.id); no foreign key, so deleting a user keeps the segment.
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('segments').execute();
  await db.schema.dropTable('contact_tags').execute();
  await db.schema.dropTable('tags').execute();
  await db.schema.dropIndex('contacts_marketing_consent_idx').execute();
  for (const column of ['country', 'created_at', 'updated_at', 'last_inbound_at', 'profile_name']) {
    await db.schema.dropIndex(`contacts_${column}_idx`).execute();
  }
  for (const column of [
    'consent_changed_at',
    'marketing_consent',
    'attributes',
    'country',
    'language',
  ]) {
    await db.schema.alterTable('contacts').dropColumn(column).execute();
  }
}
