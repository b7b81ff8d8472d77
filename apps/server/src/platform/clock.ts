/** Time as services see it; tests pass a fixed or advancing clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests of timeouts and retention. */
export function manualClock(
  start = Date.UTC(2026, 10, 26),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

/** A clock that can be sent to a past moment and brought back to the present. */
export interface TravelClock extends Clock {
  /** From now on `now()` reads `at`, then runs on at real speed. */
  travelTo(at: number): void;
  /** Back to real time. */
  backToPresent(): void;
  /** True while sent away from real time. */
  readonly isAway: boolean;
}

/**
 * The system clock, except while sent back in time: demo mode lives its sample past
 * through the product's own services (demo.history.ts) before it starts serving.
 */
export function travelClock(): TravelClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    travelTo: (at) => {
      offset = at - Date.now();
    },
    backToPresent: () => {
      offset = 0;
    },
    get isAway() {
      return offset !== 0;
    },
  };
}
