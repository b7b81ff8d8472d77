import { TokenBucket } from './dispatch.bucket';
import { FairShare, type CampaignDemand } from './dispatch.fair-share';

/** What the pacer allows now, and when to ask again. */
export interface PacerGrant {
  /** Sends allowed now, per campaign id (campaigns allowed nothing are omitted). */
  grants: Map<string, number>;
  /** When the next token is free (`now` if one is left), or null when nothing was wanted. */
  nextAt: number | null;
}

/**
 * The rate of one sending number shared by its campaigns: the bucket says how many sends may
 * leave now, the fair share says whose. The number's rate is set from its throughput and from
 * the AIMD controller (`setRate`).
 */
export class NumberPacer {
  private readonly bucket: TokenBucket;
  private readonly share = new FairShare();

  constructor(rate: number, windowMs = 1000) {
    this.bucket = new TokenBucket({ rate, windowMs });
  }

  /** Sends per window now in force. */
  get rate(): number {
    return this.bucket.currentRate;
  }

  /** Changes the rate (throughput upgrade, configured cap, AIMD cut or growth). */
  setRate(rate: number): void {
    this.bucket.setRate(rate);
  }

  /** Grants tokens at `now` to the campaigns that want them, fairly. */
  take(now: number, demands: readonly CampaignDemand[]): PacerGrant {
    const wanted = demands.reduce((sum, d) => sum + Math.max(0, Math.floor(d.wanted)), 0);
    if (wanted === 0) return { grants: new Map(), nextAt: null };
    const taken = this.bucket.take(now, wanted);
    const grants = this.share.allocate(taken, demands);
    return { grants, nextAt: this.bucket.nextAvailableAt(now) };
  }
}
