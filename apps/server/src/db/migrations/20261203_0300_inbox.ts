import type { Kysely } from 'kysely';

/**
 * The shared inbox (issue 16): a conversation's team state (open/closed/snoozed, assignee,
 * labels), internal notes and agent replies kept in `messages` (`kind`, author, the client's
 * id of a send so a double click sends once), and the index the list pages by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per statement.
  // open | closed | snoozed
  await db.schema
    .alterTable('conversations')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema.alterTable('conversations').addColumn('assigned_user_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('snoozed_until', 'bigint').execute();
  await db.schema
    .createIndex('conversations_activity_idx')
    .on('conversations')
    .columns(['last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('conversations_snoozed_idx')
    .on('conversations')
    .columns(['state', 'snoozed_until'])
    .execute();

  // message | note (a note is for the team and is never sent)
  await db.schema
    .alterTable('messages')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('message'))
    .execute();
  await db.schema.alterTable('messages').addColumn('author_user_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('client_id', 'text').execute();
  await db.schema
    .createIndex('messages_client_id_uq')
    .on('messages')
    .column('client_id')
    .unique()
    .execute();

  await db.schema
    .createTable('conversation_labels')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_labels_pk', ['conversation_id', 'label'])
    .execute();
  await db.schema
    .createIndex('conversation_labels_label_idx')
    .on('conversation_labels')
    .column('label')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_labels').execute();
  await db.schema.dropIndex('messages_client_id_uq').execute();
  await db.schema.alterTable('messages').dropColumn('client_id').execute();
  await db.schema.alterTable('messages').dropColumn('author_user_id').execute();
  await db.schema.alterTable('messages').dropColumn('kind').execute();
  await db.schema.dropIndex('conversations_snoozed_idx').execute();
  await db.schema.dropIndex('conversations_activity_idx').execute();
  await db.schema.alterTable('conversations').dropColumn('snoozed_until').execute();
  await db.schema.alterTable('conversations').dropColumn('assigned_user_id').execute();
  await db.schema.alterTable('conversations').dropColumn('state').execute();
}
