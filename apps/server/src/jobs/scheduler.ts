import type { Logger } from '../logger';
import type { BackgroundWork } from '../platform/background';

/** A job that runs every `intervalMs`, never overlapping itself. */
export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** Run once shortly after start-up as well. */
  runAtStart?: boolean;
  run(): Promise<void>;
}

/**
 * Runs timed jobs (template sync, number health, retention purge...). Each run goes
 * through BackgroundWork so shutdown waits for a job in progress.
 */
export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly active = new Set<string>();
  private readonly jobs: ScheduledJob[] = [];
  private started = false;

  constructor(
    private readonly background: BackgroundWork,
    private readonly logger: Logger,
  ) {}

  add(job: ScheduledJob): void {
    this.jobs.push(job);
    if (this.started) this.schedule(job);
  }

  list(): readonly ScheduledJob[] {
    return this.jobs;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) this.schedule(job);
  }

  /** Runs a job now unless a run of it is in progress; resolves when it ends. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (job === undefined) throw new Error(`No job named ${name}`);
    await this.execute(job);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    this.started = false;
  }

  private schedule(job: ScheduledJob): void {
    const tick = (): void => {
      if (this.active.has(job.name) || this.background.isClosed) return;
      this.background.run(`job:${job.name}`, () => this.execute(job));
    };
    const timer = setInterval(tick, job.intervalMs);
    timer.unref();
    this.timers.push(timer);
    if (job.runAtStart === true) setImmediate(tick);
  }

  private async execute(job: ScheduledJob): Promise<void> {
    if (this.active.has(job.name)) return;
    this.active.add(job.name);
    const started = Date.now();
    try {
      await job.run();
      this.logger.debug({ job: job.name, ms: Date.now() - started }, 'job done');
    } finally {
      this.active.delete(job.name);
    }
  }
}
