import type { Kysely } from 'kysely';

/**
 * A CSV uploaded for a draft campaign (issue 15): the file waits in the file store under
 * `file_key` until the campaign's audience is materialised; the detected encoding and
 * delimiter and the header row are kept so that the preview, the check and materialisation
 * read the file the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('has_bom', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delimiter', 'text', (c) => c.notNull())
    .addColumn('header_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_uploads_campaign_idx')
    .on('campaign_uploads')
    .column('campaign_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_uploads').execute();
}
