import { sql } from 'kysely';
import type { Dialect } from '../../db/database';
import type { Executor } from '../../db/executor';
import { LeaseLostError } from '../../errors';
import { advisoryNamespaces, type AdvisoryNamespace } from './lock-names';

/** Takes a free or expired lease; its new generation, or null when another holds it. */
export async function acquireLease(
  ex: Executor,
  args: { name: string; owner: string; now: number; ttlMs: number },
): Promise<number | null> {
  const expiresAt = args.now + args.ttlMs;
  const inserted = await ex
    .insertInto('leases')
    .values({ name: args.name, owner: args.owner, generation: 1, expiresAt, acquiredAt: args.now })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return 1;
  const taken = await ex
    .updateTable('leases')
    .set((eb) => ({
      owner: args.owner,
      generation: eb('generation', '+', 1),
      expiresAt,
      acquiredAt: args.now,
    }))
    .where('name', '=', args.name)
    .where('expiresAt', '<=', args.now)
    .returning('generation')
    .executeTakeFirst();
  return taken === undefined ? null : Number(taken.generation);
}

/** Extends a held lease; false when it is no longer ours (expired and taken). */
export async function renewLease(
  ex: Executor,
  args: { name: string; owner: string; generation: number; expiresAt: number },
): Promise<boolean> {
  const result = await ex
    .updateTable('leases')
    .set({ expiresAt: args.expiresAt })
    .where('name', '=', args.name)
    .where('owner', '=', args.owner)
    .where('generation', '=', args.generation)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a lease up at once. The row stays: the generation must only ever grow. */
export async function releaseLease(
  ex: Executor,
  args: { name: string; owner: string; generation: number },
): Promise<void> {
  await ex
    .updateTable('leases')
    .set({ expiresAt: 0 })
    .where('name', '=', args.name)
    .where('owner', '=', args.owner)
    .where('generation', '=', args.generation)
    .execute();
}

/**
 * The fence of a write under a lease, as the transaction's first statement: throws
 * LeaseLostError unless the lease is still this generation's and unexpired, and extends it
 * to `extendTo`. The update holds the lease row until the transaction ends, so a takeover
 * waits for it (it cannot slip in between the check and the commit); and a holder that
 * keeps committing keeps its lease. (It used to be a `FOR SHARE` read on PostgreSQL, beside
 * a renewal on a timer: a stream of overlapping share locks could starve that renewal's
 * update until the lease lapsed under a live holder.)
 */
export async function fenceLease(
  ex: Executor,
  args: { name: string; generation: number; now: number; extendTo: number },
): Promise<void> {
  const row = await ex
    .updateTable('leases')
    .set((eb) => ({
      expiresAt: eb
        .case()
        .when('expiresAt', '<', args.extendTo)
        .then(args.extendTo)
        .else(eb.ref('expiresAt'))
        .end(),
    }))
    .where('name', '=', args.name)
    .where('generation', '=', args.generation)
    .where('expiresAt', '>', args.now)
    .returning('generation')
    .executeTakeFirst();
  if (row === undefined)
    throw new LeaseLostError(`lease ${args.name} generation ${args.generation}`);
}

/** Current holder of a lease, for tests and the admin view. */
export async function findLease(ex: Executor, name: string) {
  return await ex.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * A transaction-scoped PostgreSQL advisory lock on (namespace, key), released at commit;
 * no-op on SQLite, whose writers are serialised. Namespaces keep different kinds of keys
 * from colliding on the same hash. Keys are locked in the order given: sort them.
 */
export async function lockInTransaction(
  ex: Executor,
  dialect: Dialect,
  namespace: AdvisoryNamespace,
  keys: readonly string[],
): Promise<void> {
  if (dialect !== 'postgres') return;
  const ns = advisoryNamespaces[namespace];
  for (const key of keys)
    await sql`select pg_advisory_xact_lock(${ns}, hashtext(${key}))`.execute(ex);
}
