import type { Kysely } from 'kysely';

/** Canned replies of the inbox composer (issue 16): a unique shortcut and its text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('canned_replies_shortcut_uq')
    .on('canned_replies')
    .column('shortcut')
    .unique()
    .execute();
}
