import type { CreateTableBuilder, Kysely } from 'kysely';

/** The dimensions every rollup row is keyed by; '' stands for "none" (NULLs are never equal). */
const DIMENSIONS = [
  'account_id',
  'phone_number_id',
  'template_name',
  'campaign_id',
  'category',
  'country',
] as const;

/**
 * Analytics rollups (issue 17): hourly and daily counters per account, number, template,
 * campaign, pricing category and country, so that the dashboard and reports never scan
 * `messages`. `analytics_marks` remembers what each message last contributed, which makes
 * the fold incremental and idempotent (a late status moves its counts; a re-run adds zero).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Typed loosely: the column lists are built in loops.
  let rollups: CreateTableBuilder<string, string> = db.schema
    .createTable('analytics_rollups')
    // hour | day (UTC)
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull());
  for (const d of DIMENSIONS) rollups = rollups.addColumn(d, 'text', (c) => c.notNull());
  for (const n of [
    'sent',
    'delivered',
    'read',
    'failed',
    'replied',
    'inbound',
    'conversations_opened',
    'free',
    'cost_micros',
  ])
    rollups = rollups.addColumn(n, 'bigint', (c) => c.notNull().defaultTo(0));
  await rollups
    .addPrimaryKeyConstraint('analytics_rollups_pk', ['grain', 'bucket_start', ...DIMENSIONS])
    .execute();

  let failures: CreateTableBuilder<string, string> = db.schema
    .createTable('analytics_failure_rollups')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull());
  for (const d of DIMENSIONS) failures = failures.addColumn(d, 'text', (c) => c.notNull());
  await failures
    .addColumn('error_code', 'integer', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_failure_rollups_pk', [
      'grain',
      'bucket_start',
      ...DIMENSIONS,
      'error_code',
    ])
    .execute();

  await db.schema
    .createTable('analytics_marks')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    // The contribution last folded in: bucket, dimensions and counters, JSON.
    .addColumn('contribution', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .execute();

  // The fold reads messages in (updated_at, id) order from its cursor.
  await db.schema
    .createIndex('messages_updated_idx')
    .on('messages')
    .columns(['updated_at', 'id'])
    .execute();
  // The messages log pages newest first, optionally per number.
  await db.schema
    .createIndex('messages_created_idx')
    .on('messages')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_created_idx').execute();
  await db.schema.dropIndex('messages_updated_idx').execute();
  for (const t of [
    'analytics_cursors',
    'analytics_marks',
    'analytics_failure_rollups',
    'analytics_rollups',
  ])
    await db.schema.dropTable(t).execute();
}
