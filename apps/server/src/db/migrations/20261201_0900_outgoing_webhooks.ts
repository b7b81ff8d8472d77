import type { Kysely } from 'kysely';

/**
 * Outgoing webhooks: endpoints admins register, the outbox of events (written in the
 * transaction of the change that causes them), one delivery per endpoint and event, and
 * every attempt of a delivery.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // JSON array of event types.
    .addColumn('events', 'text', (c) => c.notNull())
    // Sealed (crypto/secrets), bound to the row.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('secret_hint', 'text')
    // enabled | disabled | auto_disabled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('failing_since', 'bigint')
    .addColumn('last_delivery_at', 'bigint')
    .addColumn('last_delivery_status', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outgoing_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outgoing_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    // pending | delivered | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_attempt_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('outgoing_deliveries_endpoint_idx')
    .on('outgoing_deliveries')
    .columns(['endpoint_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('outgoing_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('response_excerpt', 'text')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outgoing_attempts_delivery_idx')
    .on('outgoing_attempts')
    .columns(['delivery_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'outgoing_attempts',
    'outgoing_deliveries',
    'outgoing_events',
    'webhook_endpoints',
  ])
    await db.schema.dropTable(t).execute();
}
