import type { Logger } from '../logger';

/**
 * Lets timers and I/O run before the caller goes on: long background work (a retention
 * sweep, the analytics fold) calls it between its batches, so better-sqlite3's synchronous
 * statements never hold the event loop for more than one batch (the dispatcher's rounds,
 * webhook acknowledgements and HTTP answers wait behind them otherwise).
 */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Tracks work that runs after a response has gone (media downloads, event processing,
 * scheduled jobs) so that shutdown can wait for it to finish.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  /** Runs `task` in the background; a failure is logged, never thrown into the void. */
  run(name: string, task: () => Promise<unknown>): void {
    if (this.closed) {
      this.logger.warn({ task: name }, 'background task refused: shutting down');
      return;
    }
    const promise = task()
      .catch((error: unknown) => {
        this.logger.error({ err: error, task: name }, 'background task failed');
      })
      .finally(() => {
        this.running.delete(promise);
      });
    this.running.add(promise);
  }

  get size(): number {
    return this.running.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Refuses new work and waits for what is running, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    const all = Promise.allSettled([...this.running]).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return done;
  }
}
