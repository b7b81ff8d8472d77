import type { Kysely } from 'kysely';

/** Durable jobs (platform/jobs) and fenced leases (platform/locks). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Idempotent enqueue: a second enqueue of the same (kind, key) is a no-op, also once the
    // first has finished; that is how N processes run each time slot of a timed job once.
    .addColumn('key', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('progress', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('jobs_kind_key_uq')
    .on('jobs')
    .columns(['kind', 'key'])
    .unique()
    .execute();
  // Claiming reads due queued jobs in run-at order; reaping reads expired running ones.
  await db.schema
    .createIndex('jobs_status_run_at_idx')
    .on('jobs')
    .columns(['status', 'run_at'])
    .execute();
  await db.schema
    .createIndex('jobs_status_lease_idx')
    .on('jobs')
    .columns(['status', 'lease_expires_at'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    // Never reset: a row is kept after release so the next holder's generation is higher
    // than every generation that came before (the fencing token).
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('jobs').execute();
}
