import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    // sha256 of the raw body: Meta's at-least-once retries resend the same bytes.
    .addColumn('body_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text')
    .addColumn('waba_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('search', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_events_received_idx')
    .on('webhook_events')
    .column('received_at')
    .execute();
  await db.schema
    .createIndex('webhook_events_status_idx')
    .on('webhook_events')
    .columns(['status', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_events').execute();
}
