import { pairLimitDelayMs } from '../../../whatsapp/graph.backoff';

/**
 * When a recipient refused with 131056 (pair rate limit: this number → this user) is tried
 * again. Meta's schedule, as the practitioners quoting its Cloud API overview describe it
 * (NOTES §6.3, "UNCONFIRMED-but-consistent"): wait 4^X seconds, X from 0 and one more per
 * consecutive failure: 1, 4, 16, 64, 256 s … The wait is capped (`maxExponent`, 4^6 s ≈
 * 68 min, from graph.backoff) and so is the number of tries, after which the recipient fails.
 */

export interface PairRetryOptions {
  /** Consecutive 131056 failures after which the recipient is failed instead (default 8). */
  maxAttempts?: number;
  /** Largest exponent of the 4^X wait (default 6). */
  maxExponent?: number;
}

export type PairRetry =
  | { retry: true; failures: number; delayMs: number; nextAttemptAt: number }
  | { retry: false; failures: number };

/** The next attempt after the `failures`-th consecutive 131056 (1 = the first) at `failedAt`. */
export function pairRetry(
  failures: number,
  failedAt: number,
  options: PairRetryOptions = {},
): PairRetry {
  const n = Math.max(1, Math.floor(failures));
  if (n > (options.maxAttempts ?? 8)) return { retry: false, failures: n };
  const delayMs = pairLimitDelayMs(n, options.maxExponent ?? 6);
  return { retry: true, failures: n, delayMs, nextAttemptAt: failedAt + delayMs };
}
