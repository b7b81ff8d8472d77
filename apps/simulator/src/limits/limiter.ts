import type { LimitSettings } from '../settings';
import { mpsByLevel, tierSize, type PhoneNumberDef, type MessagingTier } from '../state/model';
import { TokenBucket } from './token-bucket';

// Meta's sending limits (NOTES §6.1–6.3): throughput per number (130429), pair rate to one
// user (131056) and the portfolio's unique-recipient tier per rolling 24 h.

const DAY_MS = 24 * 3600 * 1000;

/** Decides whether a send fits the limits; state lives in memory per simulator. */
export class Limiter {
  private readonly throughput = new Map<string, TokenBucket>();
  private readonly pairs = new Map<string, TokenBucket>();
  /** wa_id → first business-initiated send time within the rolling day, per WABA. */
  private readonly uniques = new Map<string, Map<string, number>>();

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
   * Counts a business-initiated send to `waId` against the WABA's tier; false when it would be
   * a new unique recipient beyond the tier within the rolling 24 hours.
   */
  takeTier(wabaId: string, tier: MessagingTier, waId: string, now: number): boolean {
    if (!this.settings().tierEnabled) return true;
    let seen = this.uniques.get(wabaId);
    if (seen === undefined) {
      seen = new Map();
      this.uniques.set(wabaId, seen);
    }
    const first = seen.get(waId);
    if (first !== undefined && now - first < DAY_MS) return true;
    if (seen.size >= tierSize[tier]) {
      for (const [id, at] of seen) if (now - at >= DAY_MS) seen.delete(id);
      if (seen.size >= tierSize[tier]) return false;
    }
    seen.set(waId, now);
    return true;
  }

  /** Unique recipients counted in the current rolling day. */
  uniqueCount(wabaId: string): number {
    return this.uniques.get(wabaId)?.size ?? 0;
  }

  /** Forgets every bucket and counter. */
  reset(): void {
    this.throughput.clear();
    this.pairs.clear();
    this.uniques.clear();
  }
}
