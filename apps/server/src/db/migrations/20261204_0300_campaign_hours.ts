import type { Kysely } from 'kysely';

/**
 * Campaign report curves (issue 17): per campaign and UTC hour, how many of its messages were
 * sent, delivered and read in that hour and how many replies it drew, bucketed by the time of
 * the event (the rollups bucket a message at its send hour). Maintained by the analytics fold;
 * the fold's marks and cursor are cleared so that it refolds every message once and fills it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_campaign_hours')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addColumn('sent', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('replied', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_campaign_hours_pk', ['campaign_id', 'hour_start'])
    .execute();
  // A rebuild from scratch equals the incremental result, so starting over loses nothing.
  for (const t of [
    'analytics_rollups',
    'analytics_failure_rollups',
    'analytics_marks',
    'analytics_cursors',
  ])
    await db.deleteFrom(t as never).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('analytics_campaign_hours').execute();
}
