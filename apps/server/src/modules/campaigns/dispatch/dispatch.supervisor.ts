import type { Logger } from '../../../logger';
import type { Db } from '../../../db/database';
import * as repo from './dispatch.repo';
import { NumberDispatcher, type DispatcherDeps } from './dispatch.number';

/**
 * Starts a dispatcher for each number that has a running campaign, in worker processes.
 * Every `pollMs` it reads which numbers have work and tries each one it does not run yet;
 * the lease makes sure only one process runs a number, and a dispatcher ends by itself once
 * its number has no running campaign (a new or resumed campaign is picked up at the next
 * poll). If the process holding a number dies, its lease expires and another worker's next
 * poll takes the number over.
 */
export class DispatchSupervisor {
  private readonly active = new Map<
    string,
    { dispatcher: NumberDispatcher; done: Promise<void> }
  >();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: DispatcherDeps & { db: Db; logger: Logger },
    private readonly pollMs = 1_000,
  ) {}

  start(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Runs one poll now (tests, and after a launch). */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  /** The dispatchers this process runs now. */
  get numbers(): string[] {
    return [...this.active.keys()];
  }

  dispatcherOf(phoneNumberId: string): NumberDispatcher | undefined {
    return this.active.get(phoneNumberId)?.dispatcher;
  }

  private async pollOnce(): Promise<void> {
    if (this.stopped) return;
    let numbers: string[];
    try {
      numbers = await repo.numbersWithRunningCampaigns(this.deps.db.kysely);
    } catch (err) {
      this.deps.logger.warn({ err }, 'dispatch poll failed');
      return;
    }
    for (const phoneNumberId of numbers) {
      if (this.active.has(phoneNumberId) || this.stopped) continue;
      const dispatcher = new NumberDispatcher(this.deps, phoneNumberId);
      const done = dispatcher
        .run()
        .then(() => undefined)
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, phoneNumberId }, 'dispatcher stopped with an error'),
        )
        .finally(() => this.active.delete(phoneNumberId));
      this.active.set(phoneNumberId, { dispatcher, done });
    }
  }

  /** Stops every dispatcher after its requests in flight have answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    const running = [...this.active.values()];
    for (const a of running) a.dispatcher.close();
    await Promise.all(running.map((a) => a.done));
  }
}
