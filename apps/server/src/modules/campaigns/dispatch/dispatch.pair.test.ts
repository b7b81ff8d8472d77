import { describe, expect, it } from 'vitest';
import { pairRetry } from './dispatch.pair';

describe('pairRetry', () => {
  it('waits 4^X seconds, X from 0 and one more per consecutive 131056', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => pairRetry(n, 0));
    expect(delays.map((d) => (d.retry ? d.delayMs : null))).toEqual([
      1000, 4000, 16_000, 64_000, 256_000,
    ]);
  });

  it('gives the time of the next attempt from the failure', () => {
    expect(pairRetry(2, 1_000_000)).toEqual({
      retry: true,
      failures: 2,
      delayMs: 4000,
      nextAttemptAt: 1_004_000,
    });
  });

  it('caps the wait at 4^maxExponent seconds', () => {
    const r = pairRetry(8, 0, { maxExponent: 3, maxAttempts: 10 });
    expect(r.retry && r.delayMs).toBe(64_000);
  });

  it('gives up after the configured number of attempts', () => {
    expect(pairRetry(9, 0)).toEqual({ retry: false, failures: 9 });
    expect(pairRetry(3, 0, { maxAttempts: 2 }).retry).toBe(false);
    expect(pairRetry(2, 0, { maxAttempts: 2 }).retry).toBe(true);
  });
});
