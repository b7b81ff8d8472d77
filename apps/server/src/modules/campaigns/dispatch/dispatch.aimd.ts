/**
 * The effective rate of one sending number under throttling: additive increase, multiplicative
 * decrease. A throttle signal (130429 throughput, or 4 / 80007 business-use-case limits; the
 * pair limit 131056 is per recipient and does not touch the number's rate) cuts the rate by
 * `decrease`; after `quietMs` without another signal it grows back by `increase` every
 * `stepMs` until the ceiling. Lazy and pure: the rate at `now` is computed from the last cut,
 * so nothing runs on a timer. The result always lies within [floor, ceiling].
 */

export interface AimdOptions {
  /** The number's throughput (80, 1,000, 20, or a configured cap), in sends per second. */
  ceiling: number;
  /** The lowest rate a cut may reach (≥ 1). */
  floor?: number;
  /** Multiplier applied by a cut, in (0, 1). */
  decrease?: number;
  /** Sends per second added per step once quiet. */
  increase?: number;
  stepMs?: number;
  /** Time without a throttle signal before growth starts. */
  quietMs?: number;
  /**
   * Signals within this time of a cut count as the same event: the requests in flight when
   * Meta started refusing all come back throttled, and should cut once, not once each.
   */
  cutCooldownMs?: number;
}

export const aimdDefaults = {
  floor: 1,
  decrease: 0.5,
  increase: 5,
  stepMs: 1000,
  quietMs: 5000,
  cutCooldownMs: 1000,
} as const;

/** AIMD state of one number. */
export class AimdRate {
  private readonly opts: Required<Omit<AimdOptions, 'ceiling'>>;
  private ceilingValue: number;
  /** The rate right after the last cut, and when it happened; null = never cut. */
  private cut: { rate: number; at: number } | null = null;

  constructor(options: AimdOptions) {
    this.opts = { ...aimdDefaults, ...stripUndefined(options) };
    if (!(this.opts.decrease > 0 && this.opts.decrease < 1))
      throw new RangeError('decrease must be in (0, 1)');
    if (!(this.opts.floor >= 1)) throw new RangeError('floor must be ≥ 1');
    this.ceilingValue = this.clampCeiling(options.ceiling);
  }

  get ceiling(): number {
    return this.ceilingValue;
  }

  /** The number's throughput changed (upgrade to 1,000 mps, a configured cap). */
  setCeiling(ceiling: number, now: number): void {
    const current = this.rate(now);
    const wasRecovered = current >= this.ceilingValue;
    this.ceilingValue = this.clampCeiling(ceiling);
    // Fully recovered: the new throughput applies at once. Still recovering: continue from the
    // rate in force (restarting the quiet period), never above the new ceiling.
    this.cut = wasRecovered ? null : { rate: Math.min(current, this.ceilingValue), at: now };
  }

  /** The rate in force at `now`. */
  rate(now: number): number {
    if (this.cut === null) return this.ceilingValue;
    const growFrom = this.cut.at + this.opts.quietMs;
    if (now < growFrom) return this.bounded(this.cut.rate);
    const steps = Math.floor((now - growFrom) / this.opts.stepMs) + 1;
    return this.bounded(this.cut.rate + steps * this.opts.increase);
  }

  /** A throttle signal at `now`: cut the rate unless it was just cut. Returns the new rate. */
  onThrottle(now: number): number {
    if (this.cut !== null && now - this.cut.at < this.opts.cutCooldownMs && now >= this.cut.at) {
      return this.rate(now);
    }
    const next = Math.max(this.opts.floor, this.rate(now) * this.opts.decrease);
    this.cut = { rate: this.bounded(next), at: now };
    return this.cut.rate;
  }

  private bounded(rate: number): number {
    return Math.min(
      this.ceilingValue,
      Math.max(Math.min(this.opts.floor, this.ceilingValue), rate),
    );
  }

  private clampCeiling(ceiling: number): number {
    if (!(ceiling >= 1) || !Number.isFinite(ceiling)) throw new RangeError('ceiling must be ≥ 1');
    return ceiling;
  }
}

function stripUndefined(options: AimdOptions): Partial<Omit<AimdOptions, 'ceiling'>> {
  const out: Partial<Omit<AimdOptions, 'ceiling'>> = {};
  for (const key of [
    'floor',
    'decrease',
    'increase',
    'stepMs',
    'quietMs',
    'cutCooldownMs',
  ] as const) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
