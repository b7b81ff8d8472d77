import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Campaigns (issue 15). `campaign_recipients` is the dispatcher's queue (no second queue to
 * drift from it); `campaign_counts` is maintained in the same transaction as every status
 * change so the campaign page never counts a million rows; `campaign_send_log` holds one row
 * per second per number for rate checks and the chart; `portfolio_recipients` is the rolling
 * 24 h messaging limit; `rate_card` prices the cost estimate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('phone_number_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_name', 'text', (c) => c.notNull())
    .addColumn('template_language', 'text', (c) => c.notNull())
    // MARKETING | UTILITY | AUTHENTICATION
    .addColumn('template_category', 'text', (c) => c.notNull())
    .addColumn('audience_json', 'text', (c) => c.notNull())
    .addColumn('variables_json', 'text', (c) => c.notNull())
    .addColumn('header_media_json', 'text')
    // cloud_api | mm_lite
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('cloud_api'))
    .addColumn('schedule_at', 'bigint')
    .addColumn('schedule_time_zone', 'text')
    .addColumn('send_window_json', 'text')
    .addColumn('frequency_cap_json', 'text')
    // draft | awaiting_approval | scheduled | materialising | running | paused | completed | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pause_reason', 'text')
    .addColumn('pause_detail', 'text')
    .addColumn('consecutive_failure_limit', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('reply_attribution_hours', 'integer', (c) => c.notNull().defaultTo(72))
    .addColumn('unknown_after_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('launch_requested_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('launched_at', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaigns_number_status_idx')
    .on('campaigns')
    .columns(['phone_number_id', 'status'])
    .execute();

  // The queue's key is an integer (ordered, compact, cheap to page on): an identity on
  // PostgreSQL, SQLite's rowid alias otherwise.
  const pg = isPostgres(db);
  await db.schema
    .createTable('campaign_recipients')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('phone_number_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('wa_id', 'text')
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // queued | skipped | deferred | sending | sent | delivered | read | failed | unknown
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt_id', 'text')
    .addColumn('lease_generation', 'bigint')
    .addColumn('message_id', 'text')
    .addColumn('wamid', 'text')
    .addColumn('error_code', 'integer')
    .addColumn('error_title', 'text')
    .addColumn('error_detail', 'text')
    .addColumn('failure_kind', 'text')
    .addColumn('sending_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('read_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('replied_at', 'bigint')
    .addColumn('opted_out_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('campaign_recipients_campaign_phone_uq', ['campaign_id', 'phone_e164'])
    .execute();
  await db.schema
    .createIndex('campaign_recipients_attempt_uq')
    .on('campaign_recipients')
    .column('attempt_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('campaign_recipients_claim_idx')
    .on('campaign_recipients')
    .columns(['phone_number_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('campaign_recipients_campaign_status_idx')
    .on('campaign_recipients')
    .columns(['campaign_id', 'status'])
    .execute();
  await db.schema
    .createIndex('campaign_recipients_wamid_idx')
    .on('campaign_recipients')
    .column('wamid')
    .execute();
  await db.schema
    .createIndex('campaign_recipients_contact_idx')
    .on('campaign_recipients')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('campaign_counts')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_counts_pk', ['campaign_id', 'status'])
    .execute();

  await db.schema
    .createTable('campaign_send_log')
    .addColumn('phone_number_id', 'text', (c) => c.notNull())
    .addColumn('second', 'bigint', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_send_log_pk', ['phone_number_id', 'second', 'campaign_id'])
    .execute();
  await db.schema
    .createIndex('campaign_send_log_campaign_idx')
    .on('campaign_send_log')
    .columns(['campaign_id', 'second'])
    .execute();

  await db.schema
    .createTable('portfolio_recipients')
    .addColumn('portfolio_id', 'text', (c) => c.notNull())
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('last_business_initiated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('portfolio_recipients_pk', ['portfolio_id', 'phone_e164'])
    .execute();
  await db.schema
    .createIndex('portfolio_recipients_window_idx')
    .on('portfolio_recipients')
    .columns(['portfolio_id', 'last_business_initiated_at'])
    .execute();

  await db.schema
    .createTable('rate_card')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // ISO 3166 alpha-2, or '*' for every other country.
    .addColumn('country_code', 'text', (c) => c.notNull())
    // marketing | utility | authentication | service
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // Millionths of the currency unit: exact sums without floating point.
    .addColumn('price_micros', 'bigint', (c) => c.notNull())
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('rate_card_country_category_uq', ['country_code', 'category'])
    .execute();

  // Campaign messages are ordinary outbound messages in the contact's conversation, marked.
  await db.schema.alterTable('messages').addColumn('campaign_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('attempt_id', 'text').execute();
  await db.schema
    .createIndex('messages_campaign_idx')
    .on('messages')
    .column('campaign_id')
    .where(sql.ref('campaign_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_campaign_idx').execute();
  await db.schema.alterTable('messages').dropColumn('attempt_id').execute();
  await db.schema.alterTable('messages').dropColumn('campaign_id').execute();
  for (const table of [
    'rate_card',
    'portfolio_recipients',
    'campaign_send_log',
    'campaign_counts',
    'campaign_recipients',
    'campaigns',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
