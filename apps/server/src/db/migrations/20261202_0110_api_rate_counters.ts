import type { Kysely } from 'kysely';

/**
 * Requests per API key per one-minute window, counted in the database so that a limit
 * holds however many processes serve the API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_rate_counters')
    // `api_key:<id>`
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_rate_counters_pk', ['subject', 'window_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_rate_counters').execute();
}
