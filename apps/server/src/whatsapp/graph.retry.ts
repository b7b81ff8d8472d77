import { GraphApiError } from './graph.errors';
import { retryDelayMs, type Random } from './graph.backoff';

export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  maxAttempts?: number;
  /** Longest single wait this caller accepts; a longer one is thrown instead (default 60 s). */
  maxDelayMs?: number;
  /** Injectable for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  random?: Random;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a Graph call, repeating it while the failure is safe to repeat (`isRetrySafe`) and
 * the wait `retryDelayMs` asks for fits `maxDelayMs`. Meant for management calls (template
 * sync, health checks); the campaign dispatcher schedules its own retries instead of
 * sleeping, so it uses `retryDelayMs` directly.
 */
export async function withGraphRetries<T>(
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof GraphApiError) || attempt >= maxAttempts) throw err;
      const delay = retryDelayMs(err, attempt, options.random);
      if (delay === undefined || delay > maxDelayMs) throw err;
      await sleep(delay);
    }
  }
}
