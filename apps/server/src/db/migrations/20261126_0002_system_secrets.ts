import type { Kysely } from 'kysely';

/** Secrets of the installation itself (e.g. the suppression-list HMAC key), sealed by the master key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('system_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('system_secrets').execute();
}
