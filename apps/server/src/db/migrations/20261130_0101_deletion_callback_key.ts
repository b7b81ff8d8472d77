import type { Kysely } from 'kysely';

/**
 * The signature of Meta's signed deletion callback that opened a request: a replay of the
 * same signed_request finds its request and answers the first confirmation code again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deletion_requests').addColumn('callback_key', 'text').execute();
  await db.schema
    .createIndex('deletion_requests_callback_key_idx')
    .on('deletion_requests')
    .column('callback_key')
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deletion_requests_callback_key_idx').execute();
  await db.schema.alterTable('deletion_requests').dropColumn('callback_key').execute();
}
