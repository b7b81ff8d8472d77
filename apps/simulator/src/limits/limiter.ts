import type { LimitSettings } from '../settings';
import { mpsByLevel, tierSize, type PhoneNumberDef, type MessagingTier } from '../state/model';
import { TokenBucket } from './token-bucket';

// Meta's sending limits (NOTES §6.1–6.3): throughput per number (130429, real time), pair rate
// to one user (131056) and the portfolio's unique-recipient tier per rolling 24 h (both on the
// simulated clock, so a test can advance past them).

const DAY_MS = 24 * 3600 * 1000;

/** Decides whether a send fits the limits; state lives in memory per simulator. */
export class Limiter {
  private readonly throughput = new Map<string, TokenBucket>();
  private readonly pairs = new Map<string, TokenBucket>();
  /** wa_id → time of the counted delivery within the rolling day, per portfolio. */
  private readonly uniques = new Map<string, Map<string, number>>();
  /** wa_id → last counted delivery, per portfolio (7-day look-back of automatic scaling). */
  private readonly history = new Map<string, Map<string, number>>();

  constructor(private readonly settings: () => LimitSettings) {}

  /** False when the number's messages-per-second bucket is empty (→ 130429). */
  takeThroughput(phone: PhoneNumberDef, now: number): boolean {
    const s = this.settings();
    if (!s.throughputEnabled) return true;
    const mps = s.throughputMps ?? mpsByLevel[phone.throughputLevel];
    let bucket = this.throughput.get(phone.id);
    if (bucket === undefined) {
      // Capacity = one second of traffic: Meta measures throughput per second.
      bucket = new TokenBucket(mps, mps, now);
      this.throughput.set(phone.id, bucket);
    } else if (bucket.rate !== mps) {
      bucket.reconfigure(mps, mps);
    }
    return bucket.take(now);
  }

  /** False when this number has messaged this user too often (→ 131056). */
  takePair(phoneId: string, waId: string, now: number): boolean {
    const s = this.settings();
    if (!s.pairEnabled) return true;
    const key = `${phoneId}:${waId}`;
    let bucket = this.pairs.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(s.pairBurst, 1000 / s.pairRefillMs, now);
      this.pairs.set(key, bucket);
    }
    return bucket.take(now);
  }

  /**
   * True when delivering to `waId` now would go past the portfolio's limit: a new unique
   * recipient while the rolling 24 h already holds `tier` of them. Counts nothing.
   */
  isOverTier(portfolio: string, tier: MessagingTier, waId: string, now: number): boolean {
    if (!this.settings().tierEnabled) return false;
    const seen = this.seen(portfolio, now);
    return !seen.has(waId) && seen.size >= tierSize[tier];
  }

  /**
   * Counts a delivery outside an open window against the portfolio (a recipient once per
   * rolling 24 h, Meta "Messaging limits"); false when it is over the limit (nothing counted).
   */
  admitTier(portfolio: string, tier: MessagingTier, waId: string, now: number): boolean {
    if (this.isOverTier(portfolio, tier, waId, now)) return false;
    const seen = this.seen(portfolio, now);
    if (!seen.has(waId)) seen.set(waId, now);
    return true;
  }

  /**
   * Unique recipients delivered to since `since` (7 days back for auto-scaling). The history is
   * kept in time order, so entries older than `since` are dropped from the front: O(1)
   * amortised per delivery even for campaigns of millions.
   */
  uniqueSince(portfolio: string, since: number): number {
    const h = this.history.get(portfolio);
    if (h === undefined) return 0;
    for (const [id, at] of h) {
      if (at >= since) break;
      h.delete(id);
    }
    return h.size;
  }

  /** Records a counted delivery in the 7-day history that automatic scaling looks at. */
  recordDelivery(portfolio: string, waId: string, now: number): void {
    let h = this.history.get(portfolio);
    if (h === undefined) {
      h = new Map();
      this.history.set(portfolio, h);
    }
    // Re-inserting moves the user to the end: the map stays in time order.
    h.delete(waId);
    h.set(waId, now);
  }

  /** The rolling-24 h map of a portfolio, pruned of entries older than a day. */
  private seen(portfolio: string, now: number): Map<string, number> {
    let seen = this.uniques.get(portfolio);
    if (seen === undefined) {
      seen = new Map();
      this.uniques.set(portfolio, seen);
    }
    // Maps iterate in insertion order = time order, so pruning stops at the first fresh entry.
    for (const [id, at] of seen) {
      if (now - at < DAY_MS) break;
      seen.delete(id);
    }
    return seen;
  }

  /** Unique recipients counted in the current rolling day. */
  uniqueCount(portfolio: string, now: number): number {
    return this.seen(portfolio, now).size;
  }

  /** Forgets every bucket and counter. */
  reset(): void {
    this.throughput.clear();
    this.pairs.clear();
    this.uniques.clear();
    this.history.clear();
  }
}
