import type { Kysely } from 'kysely';

/**
 * A campaign's due recipients read through `(campaign_id, status, due_at)`. The claim asks
 * for one campaign's queued (or deferred) recipients in due order; the only index in due order
 * was the number's, `(phone_number_id, status, due_at)`, so a paused campaign of a million
 * queued recipients on the same number was walked through at every claim of another campaign
 * (318 sends a second instead of 1,100 on the benchmark's second number). The new index
 * replaces `(campaign_id, status)`, whose lookups (counts by status, skip and requeue) it
 * serves as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('campaign_recipients_campaign_due_idx')
    .on('campaign_recipients')
    .columns(['campaign_id', 'status', 'due_at'])
    .execute();
  await db.schema.dropIndex('campaign_recipients_campaign_status_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('campaign_recipients_campaign_status_idx')
    .on('campaign_recipients')
    .columns(['campaign_id', 'status'])
    .execute();
  await db.schema.dropIndex('campaign_recipients_campaign_due_idx').execute();
}
