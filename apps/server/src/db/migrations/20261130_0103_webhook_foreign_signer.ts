import type { Kysely } from 'kysely';

/**
 * 1 when a stored webhook held entries for accounts other than those whose app secret
 * signed it: those entries were stored and shown, never applied.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhook_events')
    .addColumn('foreign_signer', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_events').dropColumn('foreign_signer').execute();
}
