import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AimdRate } from './dispatch.aimd';

describe('AimdRate', () => {
  it('runs at the ceiling until throttled', () => {
    expect(new AimdRate({ ceiling: 80 }).rate(123_456)).toBe(80);
  });

  it('halves on a throttle signal and counts a burst of signals as one cut', () => {
    const aimd = new AimdRate({ ceiling: 1000 });
    expect(aimd.onThrottle(0)).toBe(500);
    // The other requests in flight come back throttled within the cooldown: no second cut.
    expect(aimd.onThrottle(200)).toBe(500);
    expect(aimd.onThrottle(1000)).toBe(250);
  });

  it('stays at the cut rate while not quiet, then grows additively back to the ceiling', () => {
    const aimd = new AimdRate({ ceiling: 80, increase: 10, stepMs: 1000, quietMs: 5000 });
    aimd.onThrottle(0);
    expect(aimd.rate(4999)).toBe(40);
    expect(aimd.rate(5000)).toBe(50);
    expect(aimd.rate(6000)).toBe(60);
    expect(aimd.rate(8000)).toBe(80);
    expect(aimd.rate(60_000)).toBe(80);
  });

  it('cuts from the rate it had grown to, not from the ceiling', () => {
    const aimd = new AimdRate({ ceiling: 100, increase: 10, quietMs: 1000, stepMs: 1000 });
    aimd.onThrottle(0); // 50
    expect(aimd.rate(2000)).toBe(70);
    expect(aimd.onThrottle(2000)).toBe(35);
  });

  it('never cuts below the configured floor', () => {
    const aimd = new AimdRate({ ceiling: 80, floor: 20 });
    for (let t = 0; t < 10_000; t += 1000) aimd.onThrottle(t);
    expect(aimd.rate(10_000)).toBe(20);
  });

  it('follows a raised ceiling by climbing and a lowered one at once', () => {
    const aimd = new AimdRate({ ceiling: 80, increase: 100, quietMs: 1000 });
    aimd.setCeiling(1000, 0);
    expect(aimd.rate(0)).toBe(1000);
    aimd.onThrottle(0); // 500
    aimd.setCeiling(20, 100);
    expect(aimd.rate(100)).toBe(20);
  });

  it('continues a recovery from the rate in force when the ceiling changes mid-way', () => {
    const aimd = new AimdRate({ ceiling: 100, increase: 10, quietMs: 1000, stepMs: 1000 });
    aimd.onThrottle(0); // 50
    expect(aimd.rate(3000)).toBe(80);
    aimd.setCeiling(1000, 3000);
    expect(aimd.rate(3000)).toBe(80);
    expect(aimd.rate(4000)).toBe(90);
  });

  it('refuses nonsense settings', () => {
    expect(() => new AimdRate({ ceiling: 0 })).toThrow(RangeError);
    expect(() => new AimdRate({ ceiling: 80, decrease: 1 })).toThrow(RangeError);
    expect(() => new AimdRate({ ceiling: 80, floor: 0 })).toThrow(RangeError);
  });

  it('is never above the ceiling nor below the floor, whatever the signals', () => {
    const event = fc.oneof(
      fc.record({
        kind: fc.constant('throttle' as const),
        gap: fc.integer({ min: 0, max: 20_000 }),
      }),
      fc.record({ kind: fc.constant('read' as const), gap: fc.integer({ min: 0, max: 20_000 }) }),
      fc.record({
        kind: fc.constant('ceiling' as const),
        gap: fc.integer({ min: 0, max: 20_000 }),
        value: fc.integer({ min: 1, max: 1000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.array(event, { maxLength: 100 }),
        (ceiling, floor, decrease, events) => {
          const aimd = new AimdRate({ ceiling, floor, decrease });
          let now = 0;
          for (const e of events) {
            now += e.gap;
            if (e.kind === 'throttle') aimd.onThrottle(now);
            if (e.kind === 'ceiling') aimd.setCeiling(e.value, now);
            const rate = aimd.rate(now);
            expect(rate).toBeLessThanOrEqual(aimd.ceiling);
            // A ceiling under the floor wins: the number's throughput is a hard limit.
            expect(rate).toBeGreaterThanOrEqual(Math.min(floor, aimd.ceiling));
          }
        },
      ),
    );
  });
});
