import { describe, expect, it } from 'vitest';
import { travelClock } from './clock';

const DAY = 86_400_000;

describe('travel clock', () => {
  it('reads the system time until sent away, runs on from a past moment, and comes back', async () => {
    const clock = travelClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(5);
    expect(clock.isAway).toBe(false);
    const past = Date.now() - 30 * DAY;
    clock.travelTo(past);
    expect(clock.isAway).toBe(true);
    const first = clock.now();
    expect(first - past).toBeGreaterThanOrEqual(0);
    expect(first - past).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 20));
    // Time runs on at real speed from the moment travelled to.
    expect(clock.now() - first).toBeGreaterThanOrEqual(15);
    expect(clock.now()).toBeLessThan(Date.now() - 29 * DAY);
    clock.backToPresent();
    expect(clock.isAway).toBe(false);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(5);
  });
});
