import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone_number_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('last_message_at', 'bigint', (c) => c.notNull())
    .addColumn('last_inbound_at', 'bigint')
    .addColumn('window_expires_at', 'bigint')
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('conversations_number_contact_uq', ['phone_number_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('phone_number_id', 'text', (c) => c.notNull())
    .addColumn('wamid', 'text', (c) => c.unique())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('context_wamid', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('read_at', 'bigint')
    .addColumn('played_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('error_code', 'integer')
    .addColumn('error_title', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_details', 'text')
    .addColumn('pricing_model', 'text')
    .addColumn('pricing_category', 'text')
    .addColumn('pricing_type', 'text')
    .addColumn('pricing_billable', 'integer')
    .addColumn('meta_conversation_id', 'text')
    .addColumn('meta_conversation_origin', 'text')
    .addColumn('meta_conversation_expires_at', 'bigint')
    .addColumn('biz_opaque_callback_data', 'text')
    .addColumn('media_id', 'text')
    .addColumn('media_mime', 'text')
    .addColumn('media_sha256', 'text')
    .addColumn('media_filename', 'text')
    .addColumn('media_status', 'text')
    .addColumn('media_path', 'text')
    .addColumn('media_size', 'integer')
    .addColumn('media_error', 'text')
    .addColumn('sent_by_meta_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation_idx')
    .on('messages')
    .columns(['conversation_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('messages_callback_idx')
    .on('messages')
    .column('biz_opaque_callback_data')
    .execute();
  await db.schema.createIndex('messages_media_idx').on('messages').column('media_status').execute();

  // Statuses whose message id is not stored yet: the webhook beat the send's own HTTP
  // response (NOTES §3.4), or the response was lost. Held until the message appears.
  await db.schema
    .createTable('pending_statuses')
    .addColumn('wamid', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('biz_opaque_callback_data', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_statuses_pk', ['wamid', 'status'])
    .execute();
  await db.schema
    .createIndex('pending_statuses_callback_idx')
    .on('pending_statuses')
    .column('biz_opaque_callback_data')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pending_statuses').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('conversations').execute();
}
