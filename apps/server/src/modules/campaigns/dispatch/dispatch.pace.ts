/**
 * How many sends one round of a number's dispatcher may take: the rate's share of the time
 * since the last round, never a whole second's tokens at once. The bucket returns each token
 * one window after it was spent, so a burst would come back as a burst a window later; paced,
 * sends leave at the rate.
 *
 * A round may take at most two rounds' worth. A round late by more than that (a stalled event
 * loop) owes what it missed, up to `makeUpMs` of it, and the next rounds pay it back within
 * the same two-round cap, so a short stall costs no sends and a long one costs what is past
 * `makeUpMs`. The bucket, whose tokens count from the answers, keeps the made-up sends within
 * the rate at Meta. Pure: the caller passes a monotonic time (`performance.now()`).
 */
export class RoundPace {
  /** Sends the time since the last round allows (at most two rounds' worth). */
  private credit = 0;
  /** What late rounds missed beyond the credit's cap, still to be made up. */
  private owed = 0;
  /** When the last round was paced (null: never; the first round may take its cap). */
  private pacedAt: number | null = null;

  constructor(private readonly options: { roundMs: number; makeUpMs: number }) {}

  /** Sends the round at `at` may take at `rate` a second; call `spend` with what it took. */
  allowance(rate: number, at: number): number {
    const cap = Math.max(1, (2 * rate * this.options.roundMs) / 1000);
    if (this.pacedAt === null) {
      // The first round: nothing was missed yet.
      this.credit = cap;
    } else {
      const earned = this.credit + (rate * Math.max(0, at - this.pacedAt)) / 1000;
      this.credit = Math.min(cap, earned);
      const makeUp = (rate * this.options.makeUpMs) / 1000;
      this.owed = Math.min(makeUp, this.owed + earned - this.credit);
    }
    this.pacedAt = at;
    return Math.floor(Math.min(cap, this.credit + this.owed));
  }

  /** The round took `sends` of its allowance: the credit first, then what was owed. */
  spend(sends: number): void {
    const fromCredit = Math.min(this.credit, sends);
    this.credit -= fromCredit;
    this.owed = Math.max(0, this.owed - (sends - fromCredit));
  }

  /** How long until one send is allowed at `rate`, after an allowance of 0 (ms, ≥ 1). */
  untilNext(rate: number): number {
    return Math.max(1, Math.ceil(((1 - this.credit) * 1000) / rate));
  }
}
