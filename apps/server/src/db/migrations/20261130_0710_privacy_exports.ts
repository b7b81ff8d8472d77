import type { Kysely } from 'kysely';

// A person's data export is a stored file (exports/<id>.zip in the file store), so any
// process can serve its download; this row says whose it is and when it goes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text')
    .addColumn('request_id', 'text')
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('privacy_exports_created_idx')
    .on('privacy_exports')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('privacy_exports').execute();
}
