/**
 * The token bucket of one sending number. Meta counts throughput per second (NOTES §6.1: 80
 * mps by default, 1,000 after the upgrade, 20 for coexistence numbers; over it → 130429), and
 * the benchmark counts the most sends in any one-second window. A classic bucket of capacity
 * B refilled at r/s lets B + r through in one second, so this bucket returns each token
 * exactly one window after it was spent: whatever the request pattern, no window of
 * `windowMs` holds more than `rate` grants, and a caller that asks again at `nextAvailableAt`
 * keeps the full rate. Pure: the caller passes the time; nothing here sleeps.
 */

/** Spends recorded at one instant (grants are taken in batches, so one entry per batch). */
interface Spend {
  at: number;
  count: number;
  /** Out of the window (its tokens are back): `redate` leaves it alone. */
  gone?: true;
}

/** The entry `settle` put a batch's sent tokens in, for `redate` to move them one by one. */
export type SpentBatch = Readonly<Pick<Spend, 'at'>>;

export interface TokenBucketOptions {
  /** Grants per window (messages per second for the default one-second window). */
  rate: number;
  windowMs?: number;
}

/** A token bucket whose tokens come back `windowMs` after they are spent. */
export class TokenBucket {
  private readonly windowMs: number;
  private rate: number;
  private readonly spends: Spend[] = [];
  private head = 0;
  private inWindow = 0;
  /** The entry of the last `take`, which `settle` re-dates. */
  private lastTake: Spend | null = null;

  constructor(options: TokenBucketOptions) {
    this.windowMs = options.windowMs ?? 1000;
    this.rate = tokensOf(options.rate);
  }

  /** Tokens per window now in force. */
  get currentRate(): number {
    return this.rate;
  }

  /**
   * Changes the rate (an AIMD cut, a throughput upgrade). Tokens already spent stay spent: a
   * cut below what the last window used grants nothing until enough of them come back.
   */
  setRate(rate: number): void {
    this.rate = tokensOf(rate);
  }

  /** How many tokens could be taken at `now`. */
  available(now: number): number {
    this.expire(now);
    return Math.max(0, this.rate - this.inWindow);
  }

  /** Takes up to `wanted` tokens at `now`; returns how many were granted (maybe 0). */
  take(now: number, wanted: number): number {
    const granted = Math.min(Math.max(0, Math.floor(wanted)), this.available(now));
    if (granted === 0) return 0;
    this.lastTake = this.spendAt(now, granted);
    this.inWindow += granted;
    return granted;
  }

  /**
   * Re-dates the `taken` tokens of the last `take` to `at`, when their requests actually
   * left, and gives back those not `used`. A send leaves after its marking transaction, whose
   * time varies (a busy database: hundreds of milliseconds); counted from the take, two
   * batches could leave within one window. Counted from departure, they cannot.
   */
  settle(taken: number, used: number, at: number): SpentBatch | null {
    const from = this.lastTake;
    this.lastTake = null;
    // Not the last take's (a caller's slip), or out of the window already: its tokens stay
    // counted from the take, which only errs on the slow side; pacing bookkeeping never
    // stops a dispatcher.
    if (taken <= 0 || from === null || from.gone === true || from.count < taken) return null;
    from.count -= taken;
    const kept = Math.max(0, Math.min(used, taken));
    this.inWindow -= taken - kept;
    if (kept === 0) return null;
    return this.spendAt(at, kept);
  }

  /**
   * Moves `count` tokens of a settled batch to `at`, later: when the answer to their request
   * came back, by which time the receiver has counted it. Dated at departure, a request the
   * receiver took in late (its own event loop busy, a slow network) is counted there after
   * the window this bucket counted it in, together with the next second's sends: the
   * simulator, on the same two cores as the app, took in two rounds at once after a 60 ms
   * stall of its own and saw 1,038 in one second from a bucket of 950. Dated at the answer,
   * a token stays in the window until its count at the receiver has left it too. A batch
   * already out of the window (an answer after more than a window) is left alone.
   */
  redate(batch: SpentBatch, count: number, at: number): void {
    const from = batch as Spend;
    if (from.gone === true || at <= from.at || count <= 0) return;
    const moved = Math.min(Math.floor(count), from.count);
    if (moved <= 0) return;
    from.count -= moved;
    this.spendAt(at, moved);
  }

  /**
   * Adds `count` tokens spent at `at` to the window, dated no earlier than the last entry:
   * entries stay in time order (expire reads them oldest first), and a token re-dated to an
   * answer that came in while a caller was between its clock reading and its take or settle
   * holds a later time than the caller's.
   */
  private spendAt(at: number, count: number): Spend {
    const tail = this.spends[this.spends.length - 1];
    const when = Math.max(at, tail?.at ?? at);
    if (tail !== undefined && this.spends.length > this.head && tail.at === when) {
      tail.count += count;
      return tail;
    }
    const spend = { at: when, count };
    this.spends.push(spend);
    return spend;
  }

  /** The earliest instant at which at least one token is free (`now` if one is free already). */
  nextAvailableAt(now: number): number {
    this.expire(now);
    let excess = this.inWindow - this.rate + 1;
    if (excess <= 0) return now;
    for (let i = this.head; i < this.spends.length; i++) {
      const spend = this.spends[i];
      if (spend === undefined) break;
      excess -= spend.count;
      if (excess <= 0) return spend.at + this.windowMs;
    }
    return now + this.windowMs;
  }

  private expire(now: number): void {
    while (this.head < this.spends.length) {
      const oldest = this.spends[this.head];
      if (oldest === undefined || oldest.at > now - this.windowMs) break;
      this.inWindow -= oldest.count;
      oldest.gone = true;
      this.head++;
    }
    // Compact now and then so a long-running dispatcher does not keep every spend.
    if (this.head > 1024 && this.head * 2 > this.spends.length) {
      this.spends.splice(0, this.head);
      this.head = 0;
    }
  }
}

function tokensOf(rate: number): number {
  if (!Number.isFinite(rate) || rate < 1) throw new RangeError(`rate must be ≥ 1, got ${rate}`);
  return Math.floor(rate);
}
