import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'kysely';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { createLogger } from '../../logger';
import { manualClock } from '../clock';
import { Scheduler } from '../../jobs/scheduler';
import { defineJobKind, type JobKind } from './jobs.kind';
import { JobRegistry } from './jobs.registry';
import { JobQueue } from './jobs.queue';
import { JobRunner } from './jobs.runner';
import * as repo from './jobs.repo';

const logger = createLogger('silent');

describe(`durable jobs on ${testDialect}`, () => {
  let db: Db;
  const clock = manualClock();
  let registry: JobRegistry;
  let queue: JobQueue;
  const runners: JobRunner[] = [];

  function runner(owner: string, leaseMs = 30_000): JobRunner {
    const r = new JobRunner({ db, clock, logger, registry }, { owner, leaseMs, pollMs: 20 });
    runners.push(r);
    return r;
  }

  beforeEach(async () => {
    db = await createTestDb();
    registry = new JobRegistry();
    queue = new JobQueue({ db, clock, registry });
    await sql`create table effects (job_id text not null, owner text not null)`.execute(db.kysely);
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop(0);
    await db.close();
  });

  /** A kind whose effect is a row in `effects`, written in the job's completing transaction. */
  function effectKind(owner: string): JobKind {
    return defineJobKind({
      kind: `test.effect.${owner}`,
      payload: z.object({ n: z.number() }),
      run: async (_p, ctx) => {
        await ctx.commit((tx) =>
          tx
            .insertInto('effects' as never)
            .values({ job_id: ctx.jobId, owner } as never)
            .execute(),
        );
      },
    });
  }

  // Result columns come back camelCased (CamelCasePlugin).
  const effects = async () =>
    (
      await sql<{ jobId: string; owner: string }>`select job_id, owner from effects`.execute(
        db.kysely,
      )
    ).rows;

  it('enqueues a keyed job once, however often it is asked, even after it ran', async () => {
    const seen: number[] = [];
    const kind = queue.register(
      defineJobKind({
        kind: 'test.once',
        payload: z.object({ n: z.number() }),
        run: async (p) => void seen.push(p.n),
      }),
    );
    expect((await queue.enqueue(kind, { n: 1 }, { key: 'k' })).inserted).toBe(true);
    expect((await queue.enqueue(kind, { n: 2 }, { key: 'k' })).inserted).toBe(false);
    await runner('a').drainOnce();
    expect((await queue.enqueue(kind, { n: 3 }, { key: 'k' })).inserted).toBe(false);
    await runner('a2').drainOnce();
    expect(seen).toEqual([1]);
  });

  it('refuses a payload that does not match the kind’s schema', async () => {
    const kind = queue.register(
      defineJobKind({
        kind: 'test.typed',
        payload: z.object({ id: z.string() }),
        run: async () => {},
      }),
    );
    await expect(queue.enqueueByName(kind.kind, { id: 5 })).rejects.toThrow();
    await expect(queue.enqueueByName('test.unknown', {})).rejects.toThrow(/Unknown job kind/);
  });

  it('retries a failing job with back-off, then marks it dead with the last error', async () => {
    let calls = 0;
    const kind = queue.register(
      defineJobKind({
        kind: 'test.flaky',
        payload: z.object({}),
        maxAttempts: 3,
        backoffMs: (attempt) => attempt * 1_000,
        run: async () => {
          calls += 1;
          throw new Error(`boom ${calls}`);
        },
      }),
    );
    const { id } = await queue.enqueue(kind, {});
    const r = runner('a');
    await r.drainOnce();
    let row = await repo.findJob(db.kysely, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
    expect(row?.runAt).toBe(clock.now() + 1_000);
    // Not due yet: nothing is claimed before the back-off has passed.
    expect(await r.drainOnce()).toBe(0);
    clock.advance(1_000);
    await r.drainOnce();
    clock.advance(2_000);
    await r.drainOnce();
    row = await repo.findJob(db.kysely, id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'boom 3' });
    clock.advance(60_000);
    expect(await r.drainOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it('records the progress a long job reports', async () => {
    const kind = queue.register(
      defineJobKind({
        kind: 'test.progress',
        payload: z.object({}),
        run: async (_p, ctx) => {
          expect(await ctx.progress({ done: 40, total: 100, note: 'rows' })).toBe(true);
        },
      }),
    );
    const { id } = await queue.enqueue(kind, {});
    await runner('a').drainOnce();
    const row = await repo.findJob(db.kysely, id);
    expect(row?.status).toBe('done');
    expect(JSON.parse(row?.progress ?? 'null')).toEqual({ done: 40, total: 100, note: 'rows' });
  });

  it('returns the jobs of a dead worker to the queue after their lease, and another completes them', async () => {
    const kind = queue.register(effectKind('x'));
    for (let n = 0; n < 5; n++) await queue.enqueue(kind, { n });
    // Worker "dead" claims everything and never finishes (it was killed).
    const claimed = await repo.claimDue(db.kysely, db.dialect, {
      owner: 'dead',
      now: clock.now(),
      leaseMs: 10_000,
      limit: 10,
      kinds: [kind.kind],
    });
    expect(claimed).toHaveLength(5);
    const other = runner('alive', 10_000);
    expect(await other.drainOnce()).toBe(0);
    clock.advance(10_001);
    expect(await repo.reapExpired(db.kysely, clock.now())).toEqual({ requeued: 5, dead: 0 });
    expect(await other.drainOnce()).toBe(5);
    const rows = await effects();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.jobId)).size).toBe(5);
  });

  it('rolls back the writes of a job whose claim passed to another worker', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.register(
      defineJobKind({
        kind: 'test.slow',
        payload: z.object({}),
        run: async (_p, ctx) => {
          await gate;
          await ctx.commit((tx) =>
            tx
              .insertInto('effects' as never)
              .values({ job_id: ctx.jobId, owner: 'slow' } as never)
              .execute(),
          );
        },
      }),
    );
    const { id } = await queue.enqueueByName('test.slow', {});
    const slow = runner('slow', 1_000);
    const claimedRow = (
      await repo.claimDue(db.kysely, db.dialect, {
        owner: 'slow',
        now: clock.now(),
        leaseMs: 1_000,
        limit: 1,
        kinds: ['test.slow'],
      })
    )[0];
    expect(claimedRow?.id).toBe(id);
    // The slow worker pauses past its lease; the job is reaped and claimed by someone else.
    clock.advance(1_001);
    await repo.reapExpired(db.kysely, clock.now());
    const taken = await repo.claimDue(db.kysely, db.dialect, {
      owner: 'other',
      now: clock.now(),
      leaseMs: 1_000,
      limit: 1,
      kinds: ['test.slow'],
    });
    expect(taken[0]?.id).toBe(id);
    // The slow worker now resumes and tries to commit: refused, nothing written.
    const running = (slow as unknown as { execute(row: repo.JobRow): Promise<void> }).execute(
      claimedRow!,
    );
    release();
    await running;
    expect(await effects()).toHaveLength(0);
    expect((await repo.findJob(db.kysely, id))?.leaseOwner).toBe('other');
  });

  it('hands running jobs back to the queue at shutdown without counting the attempt', async () => {
    let started: () => void = () => {};
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    let aborted = false;
    queue.register(
      defineJobKind({
        kind: 'test.forever',
        payload: z.object({}),
        run: (_p, ctx) =>
          new Promise<void>((_resolve, reject) => {
            started();
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            });
          }),
      }),
    );
    const { id } = await queue.enqueueByName('test.forever', {});
    const r = runner('a');
    r.start();
    await isRunning;
    expect((await repo.findJob(db.kysely, id))?.status).toBe('running');
    await r.stop(0);
    expect(aborted).toBe(true);
    expect(await repo.findJob(db.kysely, id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      leaseOwner: null,
    });
  });

  it('two workers claiming the same queue complete every job exactly once', async () => {
    const kind = queue.register(effectKind('shared'));
    for (let n = 0; n < 300; n++) await queue.enqueue(kind, { n });
    const a = runner('a');
    const b = runner('b');
    const counts = await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(counts[0] + counts[1]).toBe(300);
    const rows = await effects();
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.jobId)).size).toBe(300);
    expect((await repo.countByStatus(db.kysely)).done).toBe(300);
  });

  it('runs a timed job once per slot however many processes enqueue it', async () => {
    let runs = 0;
    const schedulers = [0, 1, 2].map(() => new Scheduler({ queue, clock, logger }));
    const job = { name: 'test.timed', intervalMs: 60_000, run: async () => void (runs += 1) };
    schedulers[0]!.add(job);
    clock.set(Date.UTC(2026, 10, 30, 10, 0, 30));
    // Three processes wake for the same slot (registering the kind once is the app's job).
    const inserted = await Promise.all(
      schedulers.map(() => schedulers[0]!.enqueueSlot(job, clock.now())),
    );
    expect(inserted.filter(Boolean)).toHaveLength(1);
    await Promise.all([runner('a').drainOnce(), runner('b').drainOnce()]);
    expect(runs).toBe(1);
    clock.advance(60_000);
    await schedulers[0]!.enqueueSlot(job, clock.now());
    await schedulers[0]!.enqueueSlot(job, clock.now() + 10);
    await runner('c').drainOnce();
    expect(runs).toBe(2);
  });
});
