import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoundPace } from './dispatch.pace';

const RATE = 1000;
const ROUND_MS = 25;

/** Rounds at the given times, each taking all it is allowed; returns what each took. */
function run(pace: RoundPace, times: readonly number[], rate = RATE): number[] {
  return times.map((t) => {
    const n = pace.allowance(rate, t);
    pace.spend(n);
    return n;
  });
}

const every = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('RoundPace', () => {
  it('gives each round on time its share of the rate', () => {
    const pace = new RoundPace({ roundMs: ROUND_MS, makeUpMs: 200 });
    const took = run(pace, every(1_000, 2_000, ROUND_MS));
    // The first round takes its cap (two rounds), then 25 a round: 1,000 a second.
    expect(took[0]).toBe(50);
    expect(took.slice(1).every((n) => n === 25)).toBe(true);
    expect(sum(took.slice(1))).toBe(1000);
  });

  it('makes up a stall within makeUpMs over the next rounds, two rounds’ worth a round at most', () => {
    const pace = new RoundPace({ roundMs: ROUND_MS, makeUpMs: 200 });
    run(pace, every(1_000, 2_000, ROUND_MS));
    // The loop stalls: the next round comes 150 ms late (175 ms after the last).
    const after = [2_175, ...every(2_200, 3_175, ROUND_MS)];
    const took = run(pace, after);
    expect(Math.max(...took)).toBeLessThanOrEqual(50);
    // Nothing lost: 1,175 ms at 1,000 a second.
    expect(sum(took)).toBe(1175);
    // The debt is paid first, at 50 a round, then rounds are back to 25.
    expect(took.slice(0, 4)).toEqual([50, 50, 50, 50]);
    expect(took.at(-1)).toBe(25);
  });

  it('loses only what a stall missed beyond makeUpMs', () => {
    const pace = new RoundPace({ roundMs: ROUND_MS, makeUpMs: 200 });
    run(pace, every(1_000, 2_000, ROUND_MS));
    // A whole second without a round: of its 1,000 sends, two rounds' credit (50) and
    // 200 ms owed (200) survive it; the next 40 rounds earn their own 1,000.
    const took = run(pace, every(3_000, 4_000, ROUND_MS));
    expect(sum(took)).toBe(50 + 200 + 1_000);
    const none = new RoundPace({ roundMs: ROUND_MS, makeUpMs: 0 });
    run(none, every(1_000, 2_000, ROUND_MS));
    expect(sum(run(none, every(3_000, 4_000, ROUND_MS)))).toBe(50 + 1_000);
  });

  it('never allows more than two rounds’ worth, nor more than the time and makeUpMs earned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 500 }),
        (gaps, rate, makeUpMs) => {
          const pace = new RoundPace({ roundMs: ROUND_MS, makeUpMs });
          const cap = Math.max(1, (2 * rate * ROUND_MS) / 1000);
          let t = 1_000;
          let taken = 0;
          let first = true;
          for (const gap of gaps) {
            t += gap;
            const n = pace.allowance(rate, t);
            expect(n).toBeLessThanOrEqual(Math.floor(cap));
            pace.spend(n);
            taken += n;
            // All rounds together: the rate over the time since the first, plus its cap.
            const since = t - 1_000;
            if (!first) expect(taken).toBeLessThanOrEqual((rate * since) / 1000 + cap + 1e-9);
            first = false;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('asks to wait until one send is earned when a round is allowed none', () => {
    const pace = new RoundPace({ roundMs: ROUND_MS, makeUpMs: 200 });
    const slow = 10; // ten a second: one send every 100 ms
    expect(pace.allowance(slow, 1_000)).toBe(1);
    pace.spend(1);
    expect(pace.allowance(slow, 1_040)).toBe(0);
    expect(pace.untilNext(slow)).toBe(60);
  });
});
