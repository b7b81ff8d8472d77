import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket, type SpentBatch } from './dispatch.bucket';

/** The most grants in any half-open window [s, s + windowMs), over all s. */
function maxInAnyWindow(
  grants: readonly { at: number; count: number }[],
  windowMs: number,
): number {
  let best = 0;
  for (const start of grants) {
    const inWindow = grants
      .filter((g) => g.at >= start.at && g.at < start.at + windowMs)
      .reduce((s, g) => s + g.count, 0);
    best = Math.max(best, inWindow);
  }
  return best;
}

describe('TokenBucket', () => {
  it('grants a full second of tokens at once, then none until they come back a second later', () => {
    const bucket = new TokenBucket({ rate: 80 });
    expect(bucket.take(0, 100)).toBe(80);
    expect(bucket.take(999, 1)).toBe(0);
    expect(bucket.nextAvailableAt(999)).toBe(1000);
    expect(bucket.take(1000, 100)).toBe(80);
  });

  it('counts settled tokens from their departure, and gives back the unused', () => {
    const bucket = new TokenBucket({ rate: 10 });
    expect(bucket.take(0, 10)).toBe(10);
    // The batch's transaction took 400 ms and 2 of the 10 were not sent.
    bucket.settle(10, 8, 400);
    expect(bucket.available(500)).toBe(2);
    // Tokens come back a window after the departure, not after the take.
    expect(bucket.available(1000)).toBe(2);
    expect(bucket.take(1000, 10)).toBe(2);
    expect(bucket.nextAvailableAt(1000)).toBe(1400);
    expect(bucket.available(1400)).toBe(8);
    // More than the last take: ignored, the tokens stay counted from their take.
    bucket.settle(5, 5, 1500);
    expect(bucket.available(1500)).toBe(8);
    bucket.settle(2, 2, 1000);
    expect(bucket.available(2000)).toBe(10);
  });

  it('never lets more than the rate depart in any window, however long each marking takes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 900 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 50 }),
        (steps, rate) => {
          const bucket = new TokenBucket({ rate });
          const departures: { at: number; count: number }[] = [];
          let now = 0;
          for (const [gap, marking] of steps) {
            now += gap;
            const taken = bucket.take(now, rate);
            // The departure is the take plus the marking time; the loop waits for it.
            now += marking;
            bucket.settle(taken, taken, now);
            if (taken > 0) departures.push({ at: now, count: taken });
          }
          expect(maxInAnyWindow(departures, 1000)).toBeLessThanOrEqual(rate);
        },
      ),
    );
  });

  it('returns tokens in the order they were spent', () => {
    const bucket = new TokenBucket({ rate: 10 });
    bucket.take(0, 4);
    bucket.take(300, 6);
    expect(bucket.nextAvailableAt(500)).toBe(1000);
    expect(bucket.take(1000, 10)).toBe(4);
    expect(bucket.nextAvailableAt(1000)).toBe(1300);
    expect(bucket.available(1300)).toBe(6);
  });

  it('a cut below what the last second used grants nothing until enough tokens are back', () => {
    const bucket = new TokenBucket({ rate: 100 });
    bucket.take(0, 60);
    bucket.take(500, 40);
    bucket.setRate(50);
    expect(bucket.available(900)).toBe(0);
    // 60 come back at 1000: 40 still out, so 10 are free under the new rate of 50.
    expect(bucket.nextAvailableAt(900)).toBe(1000);
    expect(bucket.take(1000, 100)).toBe(10);
  });

  it('refuses a rate below one per window', () => {
    expect(() => new TokenBucket({ rate: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket({ rate: Number.NaN })).toThrow(RangeError);
  });

  it('never grants more than the rate in any one-second window, whatever the requests', () => {
    const request = fc.record({
      gap: fc.integer({ min: 0, max: 1500 }),
      wanted: fc.integer({ min: 0, max: 1200 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(request, { minLength: 1, maxLength: 200 }),
        (rate, requests) => {
          const bucket = new TokenBucket({ rate });
          const grants: { at: number; count: number }[] = [];
          let now = 0;
          for (const r of requests) {
            now += r.gap;
            const granted = bucket.take(now, r.wanted);
            expect(granted).toBeLessThanOrEqual(r.wanted);
            if (granted > 0) grants.push({ at: now, count: granted });
          }
          expect(maxInAnyWindow(grants, 1000)).toBeLessThanOrEqual(rate);
        },
      ),
    );
  });

  it('after a rate cut, never exceeds the higher of the old and new rates in any window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 60 }),
        (before, after, gaps) => {
          const bucket = new TokenBucket({ rate: before });
          const grants: { at: number; count: number }[] = [];
          let now = 0;
          gaps.forEach((gap, i) => {
            now += gap;
            if (i === Math.floor(gaps.length / 2)) bucket.setRate(after);
            const granted = bucket.take(now, 2000);
            if (granted > 0) grants.push({ at: now, count: granted });
          });
          expect(maxInAnyWindow(grants, 1000)).toBeLessThanOrEqual(Math.max(before, after));
        },
      ),
    );
  });

  it('keeps ≥ 99 % of the rate over a long run when demand exceeds it and the caller wakes a little late', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(20, 80, 1000),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (rate, seed) => {
          const bucket = new TokenBucket({ rate });
          let random = seed;
          const lateness = (): number => {
            random = (random * 48271) % 2147483647;
            return random % 5; // a timer fires 0–4 ms after it was due
          };
          let now = 0;
          let granted = 0;
          const runMs = 60_000;
          while (now < runMs) {
            granted += bucket.take(now, rate * 2);
            now = bucket.nextAvailableAt(now) + lateness();
          }
          expect(granted / ((runMs / 1000) * rate)).toBeGreaterThanOrEqual(0.99);
        },
      ),
      { numRuns: 20 },
    );
  });

  /**
   * Rounds take what the bucket allows, leave after their marking, and each request is
   * counted by the receiver after a delay of its own (the receiver's event loop, the
   * network); its answer comes back later still and re-dates its token. Returns the
   * receiver's counts, one per request.
   */
  function receiver(
    rate: number,
    rounds: readonly [gap: number, marking: number, delays: readonly [number, number][]][],
    redate: boolean,
  ): { at: number; count: number }[] {
    const bucket = new TokenBucket({ rate });
    const stamps: { at: number; count: number }[] = [];
    let answers: { at: number; batch: SpentBatch }[] = [];
    const answerUntil = (t: number) => {
      const due = answers.filter((a) => a.at <= t).sort((a, b) => a.at - b.at);
      answers = answers.filter((a) => a.at > t);
      if (redate) for (const a of due) bucket.redate(a.batch, 1, a.at);
    };
    let now = 0;
    for (const [gap, marking, delays] of rounds) {
      now += gap;
      answerUntil(now);
      const taken = bucket.take(now, rate);
      now += marking;
      answerUntil(now);
      const batch = bucket.settle(taken, taken, now);
      for (let i = 0; i < taken; i++) {
        const [toReceiver, toAnswer] = delays[i % delays.length] ?? [0, 0];
        stamps.push({ at: now + toReceiver, count: 1 });
        if (batch !== null) answers.push({ at: now + toReceiver + toAnswer, batch });
      }
    }
    return stamps;
  }

  it('re-dated at the answers, never lets the receiver count more than the rate in a window, however late it takes requests in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 300 }),
            fc.integer({ min: 0, max: 200 }),
            fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 100 })), {
              minLength: 1,
              maxLength: 5,
            }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 30 }),
        (rounds, rate) => {
          expect(maxInAnyWindow(receiver(rate, rounds, true), 1000)).toBeLessThanOrEqual(rate);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('dated at departure only, lets a receiver that stalled count two windows in one', () => {
    // Ten a second; the first round's requests reach the receiver 300 ms late, the next
    // round (a second later, tokens back) on time: 20 in the receiver's window.
    const rounds: [number, number, [number, number][]][] = [
      [0, 0, [[300, 1]]],
      [700, 0, [[300, 1]]],
      [300, 0, [[0, 1]]],
    ];
    expect(maxInAnyWindow(receiver(10, rounds, false), 1000)).toBeGreaterThan(10);
    expect(maxInAnyWindow(receiver(10, rounds, true), 1000)).toBeLessThanOrEqual(10);
  });
});
