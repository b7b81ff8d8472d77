import { describe, expect, it } from 'vitest';
import { jitteredBackoffMs, pairLimitDelayMs, retryDelayMs } from './graph.backoff';
import { GraphApiError } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';

const request = { method: 'POST', path: '/v23.0/1/messages' };
function err(
  classification: GraphErrorClass,
  extra: { metaCode?: number; retryAfterSeconds?: number; method?: string } = {},
) {
  return new GraphApiError({ ...request, source: 'graph', message: 'x', classification, ...extra });
}

describe('pairLimitDelayMs', () => {
  it("follows Meta's 4^n seconds schedule from the first failure", () => {
    expect([1, 2, 3, 4, 5].map((n) => pairLimitDelayMs(n))).toEqual([
      1_000, 4_000, 16_000, 64_000, 256_000,
    ]);
  });

  it('is capped so a long streak does not wait for days', () => {
    expect(pairLimitDelayMs(50)).toBe(4 ** 6 * 1000);
    expect(pairLimitDelayMs(50, 3)).toBe(64_000);
  });
});

describe('jitteredBackoffMs', () => {
  const opts = { baseMs: 100, maxMs: 10_000 };

  it('doubles the ceiling per failure and keeps at least half of it', () => {
    expect(jitteredBackoffMs(1, { ...opts, random: () => 0 })).toBe(50);
    expect(jitteredBackoffMs(1, { ...opts, random: () => 0.999999 })).toBe(99);
    expect(jitteredBackoffMs(4, { ...opts, random: () => 0 })).toBe(400);
    expect(jitteredBackoffMs(4, { ...opts, random: () => 0.5 })).toBe(600);
  });

  it('never exceeds maxMs, even after very many failures', () => {
    for (const n of [10, 100, 10_000]) {
      const d = jitteredBackoffMs(n, { ...opts, random: () => 0.999999 });
      expect(d).toBeLessThan(10_000);
      expect(d).toBeGreaterThanOrEqual(5_000);
    }
  });

  it('spreads retries apart with the default random source', () => {
    const delays = new Set(Array.from({ length: 50 }, () => jitteredBackoffMs(5, opts)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('retryDelayMs', () => {
  const mid = () => 0.5;

  it('refuses to retry classes that cannot succeed or could double-send', () => {
    for (const cls of [
      'permanent',
      'auth',
      'window-closed',
      'spam-quality',
      'unknown-outcome',
    ] as const) {
      expect(retryDelayMs(err(cls), 1, mid)).toBeUndefined();
    }
  });

  it('retries an unknown outcome of a read, since a GET cannot send anything twice', () => {
    expect(retryDelayMs(err('unknown-outcome', { method: 'GET' }), 1, mid)).toBe(375);
  });

  it('uses the pair schedule for 131056 and the hourly window for business-use-case limits', () => {
    expect(retryDelayMs(err('pair-limited', { metaCode: 131056 }), 3, mid)).toBe(16_000);
    expect(retryDelayMs(err('throttled', { metaCode: 130429 }), 1, mid)).toBe(750);
    expect(retryDelayMs(err('throttled', { metaCode: 80007 }), 1, mid)).toBe(45_000);
  });

  it('waits at least as long as the server asked', () => {
    expect(
      retryDelayMs(err('throttled', { metaCode: 130429, retryAfterSeconds: 30 }), 1, mid),
    ).toBe(30_000);
  });
});
