import type { Kysely } from 'kysely';

/**
 * The consent ledger: every marketing consent choice a contact made, append-only. The
 * contact's state (`contacts.is_opted_out`, `opted_out_at`, `opted_in_at`) is a projection
 * of the newest applied entry; an entry older than it is recorded with `applied = 0`
 * (webhooks arrive out of order, so a late START must not undo a newer STOP).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    // opted_in | opted_out
    .addColumn('state', 'text', (c) => c.notNull())
    // When the person chose (the webhook's timestamp), not when we heard of it.
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    // import | keyword | user_preferences | failed_131050 | template_button | admin | api | merge
    .addColumn('source', 'text', (c) => c.notNull())
    // The source's own words: the keyword typed, Meta's preference category, a status code.
    .addColumn('detail', 'text')
    .addColumn('message_id', 'text')
    .addColumn('import_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('applied', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_events_contact_idx')
    .on('consent_events')
    .columns(['contact_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_events').execute();
}
