import type { Kysely } from 'kysely';

// WhatsApp Business Accounts, their phone numbers, the history of health changes
// (quality, limits, throughput, account events) and the webhook liveness record.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wa_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('waba_id', 'text', (c) => c.notNull().unique())
    .addColumn('app_id', 'text')
    .addColumn('api_version', 'text', (c) => c.notNull())
    // Encrypted (crypto/secrets.ts), bound to the row; never returned by the API.
    .addColumn('access_token', 'text')
    .addColumn('app_secret', 'text')
    .addColumn('verify_token', 'text')
    .addColumn('connection_status', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('connection_error', 'text')
    .addColumn('checked_at', 'bigint')
    .addColumn('waba_name', 'text')
    .addColumn('messaging_limit_tier', 'text')
    .addColumn('review_status', 'text')
    .addColumn('restriction', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wa_phone_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('wa_accounts.id').onDelete('cascade'),
    )
    .addColumn('phone_number_id', 'text', (c) => c.notNull().unique())
    .addColumn('display_phone_number', 'text', (c) => c.notNull())
    .addColumn('verified_name', 'text')
    .addColumn('quality_rating', 'text')
    .addColumn('throughput_level', 'text')
    .addColumn('name_status', 'text')
    .addColumn('status', 'text')
    .addColumn('refreshed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('wa_phone_numbers_account_idx')
    .on('wa_phone_numbers')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('wa_health_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('wa_accounts.id').onDelete('cascade'),
    )
    .addColumn('phone_number_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('wa_health_events_account_idx')
    .on('wa_health_events')
    .columns(['account_id', 'at'])
    .execute();

  await db.schema
    .createTable('wa_webhook_health')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('last_received_at', 'bigint')
    .addColumn('last_signature_failure_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wa_webhook_health').execute();
  await db.schema.dropTable('wa_health_events').execute();
  await db.schema.dropTable('wa_phone_numbers').execute();
  await db.schema.dropTable('wa_accounts').execute();
}
