import type { Kysely } from 'kysely';

// Legal texts are versioned per language. Version numbers stay unique per page (the existing
// constraint), so "version 4" names one text whatever its language; the texts published
// before this migration were written in English.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('legal_versions')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema
    .createIndex('legal_versions_page_language_idx')
    .on('legal_versions')
    .columns(['page', 'language', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('legal_versions_page_language_idx').execute();
  await db.schema.alterTable('legal_versions').dropColumn('language').execute();
}
