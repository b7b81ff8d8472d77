import type { Kysely } from 'kysely';

/**
 * Business-scoped user ids and usernames (Meta, 2026): a contact may be known only by its
 * BSUID until the phone number is revealed, so `wa_id` stays nullable and `user_id` is
 * unique too. Messages keep an order's structured content and what a failed send means.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('user_id', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('parent_user_id', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('username', 'text').execute();
  // The message that carried the latest consent choice (a STOP text, a 131050 failure).
  await db.schema.alterTable('contacts').addColumn('consent_message_id', 'text').execute();
  await db.schema
    .createIndex('contacts_user_id_uq')
    .unique()
    .on('contacts')
    .column('user_id')
    .execute();

  // `{ catalogId, items, total }` of an inbound order, JSON.
  await db.schema.alterTable('messages').addColumn('order_json', 'text').execute();
  // graph.failures.ts: what a failed send means for the next attempt.
  await db.schema.alterTable('messages').addColumn('failure_kind', 'text').execute();
  await db.schema.alterTable('messages').addColumn('retry_after_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('retry_after_at').execute();
  await db.schema.alterTable('messages').dropColumn('failure_kind').execute();
  await db.schema.alterTable('messages').dropColumn('order_json').execute();
  await db.schema.dropIndex('contacts_user_id_uq').execute();
  await db.schema.alterTable('contacts').dropColumn('consent_message_id').execute();
  await db.schema.alterTable('contacts').dropColumn('username').execute();
  await db.schema.alterTable('contacts').dropColumn('parent_user_id').execute();
  await db.schema.alterTable('contacts').dropColumn('user_id').execute();
}
