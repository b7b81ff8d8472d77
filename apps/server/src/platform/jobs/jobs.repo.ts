import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor';
import type { Dialect } from '../../db/database';
import { skipLocked } from '../../db/dialect';
import type { JobsTables, JobStatus } from './jobs.tables';

export type JobRow = Selectable<JobsTables['jobs']>;

/** A worker's hold on a claimed job: its id and the attempt it claimed (the fence). */
export interface JobClaim {
  id: string;
  owner: string;
  attempt: number;
}

/** Inserts a job unless one of the same kind and key exists; true when inserted. */
export async function insertJob(ex: Executor, row: JobRow): Promise<boolean> {
  const result = await ex
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Claims up to `limit` due jobs of the given kinds for `owner`. On PostgreSQL the inner
 * select skips rows another worker has locked, so concurrent claimers never wait on each
 * other nor take the same job; SQLite serialises writers, one statement is enough.
 */
export async function claimDue(
  ex: Executor,
  dialect: Dialect,
  args: { owner: string; now: number; leaseMs: number; limit: number; kinds: readonly string[] },
): Promise<JobRow[]> {
  if (args.kinds.length === 0 || args.limit <= 0) return [];
  const due = ex
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .where('runAt', '<=', args.now)
    .where('kind', 'in', args.kinds)
    .orderBy('runAt')
    .limit(args.limit)
    .modifyEnd(skipLocked(dialect));
  return await ex
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      leaseOwner: args.owner,
      leaseExpiresAt: args.now + args.leaseMs,
      attempts: eb('attempts', '+', 1),
      updatedAt: args.now,
    }))
    .where('id', 'in', due)
    .where('status', '=', 'queued')
    .returningAll()
    .execute();
}

/** Extends the leases of the owner's running jobs. */
export async function renewLeases(
  ex: Executor,
  owner: string,
  ids: readonly string[],
  expiresAt: number,
): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .updateTable('jobs')
    .set({ leaseExpiresAt: expiresAt })
    .where('leaseOwner', '=', owner)
    .where('status', '=', 'running')
    .where('id', 'in', ids)
    .execute();
}

/** Marks a claimed job done; false when the claim was lost (lease expired, job re-claimed). */
export async function completeJob(ex: Executor, claim: JobClaim, now: number): Promise<boolean> {
  const result = await fenced(ex, claim)
    .set({
      status: 'done',
      leaseOwner: null,
      leaseExpiresAt: null,
      updatedAt: now,
      finishedAt: now,
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records a failed attempt: back to the queue at `retryAt`, or dead when `retryAt` is null. */
export async function failJob(
  ex: Executor,
  claim: JobClaim,
  args: { error: string; now: number; retryAt: number | null },
): Promise<boolean> {
  const result = await fenced(ex, claim)
    .set({
      status: args.retryAt === null ? 'dead' : 'queued',
      runAt: args.retryAt ?? args.now,
      lastError: args.error,
      leaseOwner: null,
      leaseExpiresAt: null,
      updatedAt: args.now,
      finishedAt: args.retryAt === null ? args.now : null,
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores a long job's progress (JSON) while the claim holds. */
export async function setProgress(
  ex: Executor,
  claim: JobClaim,
  progress: string,
  now: number,
): Promise<boolean> {
  const result = await fenced(ex, claim).set({ progress, updatedAt: now }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Hands claimed jobs back at shutdown: queued again, the attempt not counted. */
export async function releaseJobs(
  ex: Executor,
  owner: string,
  ids: readonly string[],
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await ex
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      attempts: eb('attempts', '-', 1),
      leaseOwner: null,
      leaseExpiresAt: null,
      runAt: now,
      updatedAt: now,
    }))
    .where('leaseOwner', '=', owner)
    .where('status', '=', 'running')
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Returns running jobs whose lease expired (their worker died or stalled) to the queue;
 * those that used their last attempt go dead. Returns how many were requeued and killed.
 */
export async function reapExpired(
  ex: Executor,
  now: number,
): Promise<{ requeued: number; dead: number }> {
  const error = 'lease expired: the worker stopped or stalled while running the job';
  const dead = await ex
    .updateTable('jobs')
    .set({
      status: 'dead',
      lastError: error,
      leaseOwner: null,
      leaseExpiresAt: null,
      updatedAt: now,
      finishedAt: now,
    })
    .where('status', '=', 'running')
    .where('leaseExpiresAt', '<', now)
    .whereRef('attempts', '>=', 'maxAttempts')
    .executeTakeFirst();
  const requeued = await ex
    .updateTable('jobs')
    .set({
      status: 'queued',
      lastError: error,
      leaseOwner: null,
      leaseExpiresAt: null,
      runAt: now,
      updatedAt: now,
    })
    .where('status', '=', 'running')
    .where('leaseExpiresAt', '<', now)
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), dead: Number(dead.numUpdatedRows) };
}

/** Jobs for the admin view, most recently changed first. */
export async function listJobs(
  ex: Executor,
  filter: { status?: JobStatus; kind?: string },
  limit: number,
): Promise<JobRow[]> {
  let q = ex.selectFrom('jobs').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  return await q.orderBy('updatedAt', 'desc').orderBy('id').limit(limit).execute();
}

/** How many jobs are in each status. */
export async function countByStatus(ex: Executor): Promise<Record<JobStatus, number>> {
  const rows = await ex
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function findJob(ex: Executor, id: string): Promise<JobRow | undefined> {
  return await ex.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Puts a dead job back in the queue with fresh attempts; false when it is not dead. */
export async function retryDead(ex: Executor, id: string, now: number): Promise<boolean> {
  const result = await ex
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, runAt: now, updatedAt: now, finishedAt: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes finished jobs older than `before`; dead ones stay until retried or purged by hand. */
export async function purgeDone(ex: Executor, before: number): Promise<number> {
  const result = await ex
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finishedAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** An update of one job that applies only while `claim` still holds it. */
function fenced(ex: Executor, claim: JobClaim) {
  return ex
    .updateTable('jobs')
    .where('id', '=', claim.id)
    .where('leaseOwner', '=', claim.owner)
    .where('attempts', '=', claim.attempt)
    .where('status', '=', 'running');
}

/** Per kind: queued and running jobs and the oldest due queued job's run time (metrics). */
export async function queueStatsByKind(
  ex: Executor,
  now: number,
): Promise<{ kind: string; queued: number; running: number; oldestDueAt: number | null }[]> {
  const rows = await ex
    .selectFrom('jobs')
    .select((eb) => [
      'kind',
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .min(eb.case().when('runAt', '<=', now).then(eb.ref('runAt')).else(null).end())
        .as('oldestDueAt'),
    ])
    .where('status', 'in', ['queued', 'running'])
    .groupBy(['kind', 'status'])
    .execute();
  const byKind = new Map<
    string,
    { kind: string; queued: number; running: number; oldestDueAt: number | null }
  >();
  for (const r of rows) {
    const entry = byKind.get(r.kind) ?? { kind: r.kind, queued: 0, running: 0, oldestDueAt: null };
    if (r.status === 'queued') {
      entry.queued = Number(r.n);
      entry.oldestDueAt = r.oldestDueAt === null ? null : Number(r.oldestDueAt);
    } else entry.running = Number(r.n);
    byKind.set(r.kind, entry);
  }
  return [...byKind.values()];
}
