import type { GraphApiError } from './graph.errors';

/** A source of numbers in [0, 1); injectable so tests are deterministic. */
export type Random = () => number;

export interface BackoffOptions {
  /** Delay ceiling of the first failure, in ms. */
  baseMs: number;
  /** Upper bound of any delay, in ms. */
  maxMs: number;
  random?: Random;
}

/**
 * Exponential back-off with "equal jitter": after the n-th consecutive failure (n ≥ 1) the
 * ceiling is min(maxMs, baseMs·2^(n-1)) and the delay is uniform in [ceiling/2, ceiling).
 * Half is kept fixed so a throttled sender always slows down; the random half spreads
 * many senders apart so they do not retry in lock-step.
 */
export function jitteredBackoffMs(failures: number, options: BackoffOptions): number {
  const n = Math.max(1, Math.floor(failures));
  const random = options.random ?? Math.random;
  // Cap the exponent before computing 2^n so huge failure counts cannot overflow to Infinity.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n - 1, 52));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Meta's pair-rate-limit schedule (error 131056): wait 4^X seconds with X starting at 0 and
 * growing by one per consecutive failure to the same recipient: 1, 4, 16, 64, 256 s …
 * (NOTES.md §6.3). `maxExponent` caps the wait (default 4^6 s ≈ 68 min).
 */
export function pairLimitDelayMs(failures: number, maxExponent = 6): number {
  const x = Math.min(Math.max(0, Math.floor(failures) - 1), maxExponent);
  return 4 ** x * 1000;
}

/** Delays per class, chosen from Meta's guidance in NOTES.md §2.4 and §6. */
export const retryPolicy = {
  /** 5xx and transient codes: short, growing waits. */
  retryable: { baseMs: 500, maxMs: 30_000 },
  /** Throughput (130429): the bucket refills within a second or two. */
  throughput: { baseMs: 1_000, maxMs: 60_000 },
  /** Hourly business-use-case limits (4, 80007, 80008): the window is an hour long. */
  businessUseCase: { baseMs: 60_000, maxMs: 15 * 60_000 },
} as const;

const businessUseCaseCodes: ReadonlySet<number> = new Set([4, 17, 80007, 80008]);

/**
 * How long to wait before retrying the request that failed with `error` for the n-th
 * consecutive time, or `undefined` when it must not be retried (the class is not
 * retryable, or the outcome is unknown and the request was not a read).
 */
export function retryDelayMs(
  error: GraphApiError,
  failures: number,
  random: Random = Math.random,
): number | undefined {
  if (!error.isRetrySafe) return undefined;
  const asked = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  switch (error.classification) {
    case 'pair-limited':
      return Math.max(asked, pairLimitDelayMs(failures));
    case 'throttled': {
      const policy =
        error.metaCode !== undefined && businessUseCaseCodes.has(error.metaCode)
          ? retryPolicy.businessUseCase
          : retryPolicy.throughput;
      return Math.max(asked, jitteredBackoffMs(failures, { ...policy, random }));
    }
    default:
      return Math.max(asked, jitteredBackoffMs(failures, { ...retryPolicy.retryable, random }));
  }
}
