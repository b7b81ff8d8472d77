import type { Kysely } from 'kysely';

/**
 * Inbox automations (issue 16): which team members are available for round-robin
 * assignment and their place in the rotation, and the index auto-close scans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_availability')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('is_available', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_turn', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversations_assignee_state_idx')
    .on('conversations')
    .columns(['assigned_user_id', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_assignee_state_idx').execute();
  await db.schema.dropTable('agent_availability').execute();
}
