import { z } from 'zod';
import type { Logger } from '../logger';
import type { Clock } from '../platform/clock';
import type { JobQueue } from '../platform/jobs/jobs.queue';

/** A job that runs once per time slot of `intervalMs`, across all processes together. */
export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** Also enqueue the current slot at start-up (it runs unless a process ran it already). */
  runAtStart?: boolean;
  /** The work; `slot` is the start of the time slot being run (absent for `runNow`). */
  run(slot?: { start: number }): Promise<void>;
}

const slotPayload = z.object({ slot: z.number().int() });

/**
 * Timed jobs (template sync, number health, retention purge, webhook recovery, media
 * resume) as durable job kinds. Slots are aligned on the epoch, so every process computes
 * the same slot; each process enqueues the slot with the key `slot:<start>`, the unique
 * key keeps one, and whichever worker claims it runs it. N processes: one run per slot.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly jobs: ScheduledJob[] = [];
  private started = false;

  constructor(private readonly deps: { queue: JobQueue; clock: Clock; logger: Logger }) {}

  /** Declares a timed job: registers its job kind; enqueued per slot once started. */
  add(job: ScheduledJob): void {
    this.deps.queue.register({
      kind: job.name,
      payload: slotPayload,
      // The next slot comes anyway; a few retries cover a passing failure.
      maxAttempts: 3,
      run: (payload) => job.run({ start: payload.slot }),
    });
    this.jobs.push(job);
    if (this.started) this.schedule(job, true);
  }

  list(): readonly ScheduledJob[] {
    return this.jobs;
  }

  /** Starts enqueuing slots (worker processes only). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) this.schedule(job, job.runAtStart === true);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.started = false;
  }

  /** Runs a timed job's work now in this process, outside the queue (CLI, tests). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (job === undefined) throw new Error(`No job named ${name}`);
    await job.run();
  }

  /** The slot `at` falls in: its start, a multiple of the interval since the epoch. */
  static slotOf(at: number, intervalMs: number): number {
    return Math.floor(at / intervalMs) * intervalMs;
  }

  /** Enqueues the slot that contains `at` (idempotent across processes). */
  async enqueueSlot(job: ScheduledJob, at: number): Promise<boolean> {
    const slot = Scheduler.slotOf(at, job.intervalMs);
    const { inserted } = await this.deps.queue.enqueueByName(
      job.name,
      { slot },
      { key: `slot:${slot}`, runAt: slot },
    );
    return inserted;
  }

  private schedule(job: ScheduledJob, now: boolean): void {
    const enqueue = (): void => {
      this.enqueueSlot(job, this.deps.clock.now()).catch((err: unknown) =>
        this.deps.logger.warn({ err, job: job.name }, 'could not enqueue a timed job'),
      );
    };
    if (now) enqueue();
    const arm = (): void => {
      const at = this.deps.clock.now();
      const next = Scheduler.slotOf(at, job.intervalMs) + job.intervalMs;
      const timer = setTimeout(
        () => {
          if (!this.started) return;
          enqueue();
          arm();
        },
        next - at + 1,
      );
      timer.unref();
      this.timers.set(job.name, timer);
    };
    arm();
  }
}
