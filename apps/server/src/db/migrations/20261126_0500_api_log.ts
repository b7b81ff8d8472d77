import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('graph_api_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('phone_number_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('classification', 'text')
    .addColumn('error_code', 'integer')
    .addColumn('error_subcode', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('fbtrace_id', 'text')
    .execute();
  // The log is read newest first, and the retention purge deletes by age.
  await db.schema
    .createIndex('graph_api_calls_at_idx')
    .on('graph_api_calls')
    .column('at')
    .execute();
  await db.schema
    .createIndex('graph_api_calls_account_idx')
    .on('graph_api_calls')
    .columns(['account_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('graph_api_calls').execute();
}
