// The simulator's clock for Meta's long-lived timers (media expiry, hourly management-call
// budgets). It runs `scale` simulated seconds per real second and can be moved forward on
// demand, so a 30-day media expiry or an hour-long rate-limit window is testable in
// milliseconds. Short timers (status latencies, the 24-hour service window, throughput
// buckets) stay on real time so demo mode feels natural.

/** A compressible, advanceable clock (milliseconds since the epoch, like Date.now()). */
export class SimClock {
  private base = Date.now();
  private simBase = this.base;

  constructor(private currentScale = 1) {}

  /** Simulated now. */
  now(): number {
    return this.simBase + (Date.now() - this.base) * this.currentScale;
  }

  /** Simulated seconds per real second. */
  get scale(): number {
    return this.currentScale;
  }

  /** Changes the speed from now on (no jump in time). */
  setScale(scale: number): void {
    this.rebase();
    this.currentScale = scale;
  }

  /** Jumps forward by `ms` simulated milliseconds. */
  advance(ms: number): void {
    this.rebase();
    this.simBase += ms;
  }

  /**
   * Jumps to `at`, backwards too, and runs on from there. Only sound before any traffic or
   * moving forward: timers already set by simulated time are not rewound (demo mode's history
   * goes back once, at start-up, then forward to the present).
   */
  travelTo(at: number): void {
    this.rebase();
    this.simBase = at;
  }

  /** Back to real time at real speed. */
  reset(scale: number): void {
    this.base = Date.now();
    this.simBase = this.base;
    this.currentScale = scale;
  }

  private rebase(): void {
    const now = this.now();
    this.base = Date.now();
    this.simBase = now;
  }
}
