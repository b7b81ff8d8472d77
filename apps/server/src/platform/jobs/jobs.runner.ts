import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { durableTransaction } from '../../db/durable';
import { LeaseLostError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import { defaultBackoffMs, type JobContext } from './jobs.kind';
import type { JobRegistry } from './jobs.registry';
import * as repo from './jobs.repo';

export interface RunnerOptions {
  /** Who claims, as stored in `lease_owner`; default host:pid:random. */
  owner?: string;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** A claim lasts this long unless renewed (renewed every third of it while the job runs). */
  leaseMs?: number;
  /** How long to wait for new jobs when the queue is empty. */
  pollMs?: number;
}

interface Active {
  claim: repo.JobClaim;
  abort: AbortController;
  done: Promise<void>;
}

/** A unique name for this process as a claimer of jobs and leases. */
export function processOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

/**
 * The worker loop: claims due jobs (a batch at a time, up to `concurrency` running), runs
 * each under a renewed lease, records done / retry with back-off / dead, and requeues jobs
 * whose worker died (expired lease). `stop()` lets running jobs finish for a grace period
 * and hands the rest back to the queue without counting the attempt.
 */
export class JobRunner {
  readonly owner: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly active = new Map<string, Active>();
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private stopping = false;
  private lastReap = 0;

  constructor(
    private readonly deps: { db: Db; clock: Clock; logger: Logger; registry: JobRegistry },
    options: RunnerOptions = {},
  ) {
    this.owner = options.owner ?? processOwnerId();
    this.concurrency = options.concurrency ?? 4;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
  }

  get running(): number {
    return this.active.size;
  }

  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, this.leaseMs / 3));
    this.heartbeat.unref();
    this.loop = this.claimLoop();
  }

  /** Wakes the loop now (a job was enqueued in this process, or a slot freed). */
  poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Stops claiming; waits up to `graceMs` for running jobs, then hands the rest back. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.loop === undefined) return;
    this.stopping = true;
    this.poke();
    await this.loop;
    this.loop = undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.active.values()].map((a) => a.done)),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    clearInterval(this.heartbeat);
    const left = [...this.active.values()];
    if (left.length > 0) {
      for (const a of left) a.abort.abort(new Error('worker shutting down'));
      const n = await repo
        .releaseJobs(
          this.deps.db.kysely,
          this.owner,
          left.map((a) => a.claim.id),
          this.deps.clock.now(),
        )
        .catch((err: unknown) => {
          this.deps.logger.warn({ err }, 'could not hand jobs back; their leases will expire');
          return 0;
        });
      this.deps.logger.info({ jobs: n }, 'handed running jobs back to the queue');
    }
  }

  /** Claims and runs until the queue is empty; for tests and one-shot commands. */
  async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim(this.concurrency);
      if (claimed.length === 0) break;
      total += claimed.length;
      await Promise.all(claimed.map((row) => this.execute(row)));
    }
    return total;
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopping) {
      let claimed: repo.JobRow[] = [];
      try {
        await this.reapIfDue();
        claimed = await this.claim(this.concurrency - this.active.size);
      } catch (err) {
        this.deps.logger.warn({ err }, 'job claim failed; retrying');
      }
      for (const row of claimed) {
        const abort = new AbortController();
        const claim = { id: row.id, owner: this.owner, attempt: row.attempts };
        const entry: Active = { claim, abort, done: Promise.resolve() };
        entry.done = this.execute(row, abort).finally(() => {
          this.active.delete(row.id);
          this.poke();
        });
        this.active.set(row.id, entry);
      }
      if (this.stopping) break;
      if (claimed.length === 0 || this.active.size >= this.concurrency) await this.sleep();
    }
  }

  private async claim(limit: number): Promise<repo.JobRow[]> {
    if (limit <= 0) return [];
    const { db, clock, registry } = this.deps;
    // The claim is acknowledged to nobody outside, but a claim lost on power failure would
    // let a job run twice after restart; it is cheap next to the job itself.
    return await durableTransaction(db, (tx) =>
      repo.claimDue(tx, db.dialect, {
        owner: this.owner,
        now: clock.now(),
        leaseMs: this.leaseMs,
        limit,
        kinds: registry.names(),
      }),
    );
  }

  private async reapIfDue(): Promise<void> {
    const now = this.deps.clock.now();
    if (now - this.lastReap < Math.min(this.leaseMs / 2, 5_000)) return;
    this.lastReap = now;
    const reaped = await repo.reapExpired(this.deps.db.kysely, now);
    if (reaped.requeued + reaped.dead > 0)
      this.deps.logger.warn(reaped, 'jobs of a stopped worker returned to the queue');
  }

  private async renew(): Promise<void> {
    if (this.active.size === 0) return;
    try {
      await repo.renewLeases(
        this.deps.db.kysely,
        this.owner,
        [...this.active.keys()],
        this.deps.clock.now() + this.leaseMs,
      );
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not renew job leases');
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, this.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Runs one claimed job and records its outcome, fenced by the claim. */
  private async execute(row: repo.JobRow, abort = new AbortController()): Promise<void> {
    const { db, clock, logger, registry } = this.deps;
    const claim: repo.JobClaim = { id: row.id, owner: this.owner, attempt: row.attempts };
    const kind = registry.get(row.kind);
    let committed = false;
    const ctx: JobContext = {
      jobId: row.id,
      attempt: row.attempts,
      signal: abort.signal,
      progress: (p) => repo.setProgress(db.kysely, claim, JSON.stringify(p), clock.now()),
      commit: async (fn) => {
        const value = await db.kysely.transaction().execute(async (tx) => {
          const result = await fn(tx);
          if (!(await repo.completeJob(tx, claim, clock.now())))
            throw new LeaseLostError(`job ${row.kind} ${row.id}`);
          return result;
        });
        committed = true;
        return value;
      },
    };
    try {
      if (kind === undefined) throw new Error(`no handler for job kind ${row.kind}`);
      const payload: unknown = kind.payload.parse(JSON.parse(row.payload));
      await kind.run(payload, ctx);
      if (!committed && !(await repo.completeJob(db.kysely, claim, clock.now())))
        logger.warn({ job: row.id, kind: row.kind }, 'job finished after its claim was lost');
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn({ job: row.id, kind: row.kind }, 'job lost its claim; its writes rolled back');
        return;
      }
      // Aborted by shutdown: `stop` hands the job back without counting the attempt; recording
      // a failure here as well would race that release and could count it after all.
      if (this.stopping && abort.signal.aborted) return;
      const isLast = row.attempts >= row.maxAttempts || kind === undefined;
      const backoff = kind?.backoffMs ?? defaultBackoffMs;
      const now = clock.now();
      const recorded = await repo
        .failJob(db.kysely, claim, {
          error: errText(error),
          now,
          retryAt: isLast ? null : now + backoff(row.attempts),
        })
        .catch((err: unknown) => {
          logger.error({ err, job: row.id }, 'could not record a job failure');
          return false;
        });
      if (recorded)
        logger[isLast ? 'error' : 'warn'](
          { err: error, job: row.id, kind: row.kind, attempt: row.attempts },
          isLast ? 'job failed for the last time; it is dead' : 'job failed; will retry',
        );
    }
  }
}
