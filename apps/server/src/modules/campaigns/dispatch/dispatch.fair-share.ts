/**
 * Splits the tokens of one number between the campaigns sending on it. Weighted max-min
 * fairness (water-filling): every campaign with recipients waiting gets a share in proportion
 * to its weight, a campaign that needs less than its share gives the rest to the others, and
 * the odd tokens that do not divide evenly go round-robin from a cursor that moves on, so over
 * time no campaign is favoured. A 10-recipient campaign beside a 100,000-recipient one is done
 * in its first grant instead of waiting behind it.
 */

/** What one campaign would send now. */
export interface CampaignDemand {
  campaignId: string;
  /** Recipients due and claimed, waiting for a token. */
  wanted: number;
  /** Relative share (integer ≥ 1; default 1). */
  weight?: number;
}

/** Round-robin state kept between calls: who gets the next odd token. */
export class FairShare {
  private cursor = 0;

  /**
   * Divides `tokens` among `demands` (in the order given, which callers keep stable, e.g. by
   * campaign id). Returns the grant per campaign id; campaigns granted nothing are omitted.
   * Work-conserving: hands out min(tokens, total wanted).
   */
  allocate(tokens: number, demands: readonly CampaignDemand[]): Map<string, number> {
    const grants = new Map<string, number>();
    const active = demands
      .map((d) => ({ id: d.campaignId, left: Math.max(0, Math.floor(d.wanted)), w: weightOf(d) }))
      .filter((d) => d.left > 0);
    let remaining = Math.max(0, Math.floor(tokens));
    const give = (d: { id: string; left: number }, n: number): void => {
      d.left -= n;
      remaining -= n;
      grants.set(d.id, (grants.get(d.id) ?? 0) + n);
    };
    // Whole rounds: each unsatisfied campaign takes weight·k tokens, capped by what it wants.
    for (;;) {
      const hungry = active.filter((d) => d.left > 0);
      const totalWeight = hungry.reduce((sum, d) => sum + d.w, 0);
      if (hungry.length === 0 || remaining === 0) return grants;
      const k = Math.floor(remaining / totalWeight);
      if (k === 0) break;
      for (const d of hungry) give(d, Math.min(d.left, d.w * k));
    }
    // The odd tokens: one pass from the cursor, each campaign up to its weight.
    const n = active.length;
    const start = this.cursor % n;
    for (let i = 0; i < n && remaining > 0; i++) {
      const d = active[(start + i) % n];
      if (d === undefined || d.left === 0) continue;
      give(d, Math.min(d.left, d.w, remaining));
      this.cursor = start + i + 1;
    }
    return grants;
  }
}

function weightOf(d: CampaignDemand): number {
  const w = d.weight ?? 1;
  return Number.isFinite(w) && w >= 1 ? Math.floor(w) : 1;
}
