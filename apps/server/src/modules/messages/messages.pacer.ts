import { RateLimitedError } from '../../errors';
import { TokenBucket } from '../campaigns/dispatch/dispatch.bucket';

/**
 * Paces the API's transactional sends per sending number with the dispatcher's token bucket
 * (no window of one second holds more than the number's rate). The dispatcher's own bucket
 * lives in the worker process that holds the number's lease, out of reach of a web process,
 * so API sends are paced here, per process, at the number's rate; Meta's throttling (130429)
 * on top of a running campaign is answered by the dispatcher's AIMD cut. A caller waits for
 * its token up to `maxWaitMs`, then gets 429 with the time to retry.
 */
export class ApiSendPacer {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly deps: {
      now: () => number;
      sleep?: (ms: number) => Promise<void>;
      maxWaitMs?: number;
    },
  ) {}

  /** Takes one token of `phoneNumberId` at `rate` per second, waiting for it if needed. */
  async acquire(phoneNumberId: string, rate: number): Promise<void> {
    const bucket = this.bucketOf(phoneNumberId, rate);
    const sleep = this.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const maxWait = this.deps.maxWaitMs ?? 10_000;
    let waited = 0;
    for (;;) {
      const now = this.deps.now();
      if (bucket.take(now, 1) === 1) return;
      const wait = Math.max(1, bucket.nextAvailableAt(now) - now);
      if (waited + wait > maxWait)
        throw new RateLimitedError(
          'The sending number is at its throughput; retry shortly',
          Math.ceil(wait / 1000),
        );
      await sleep(wait);
      waited += wait;
    }
  }

  private bucketOf(phoneNumberId: string, rate: number): TokenBucket {
    let bucket = this.buckets.get(phoneNumberId);
    if (bucket === undefined) {
      bucket = new TokenBucket({ rate });
      this.buckets.set(phoneNumberId, bucket);
    } else if (bucket.currentRate !== Math.floor(rate)) bucket.setRate(rate);
    return bucket;
  }
}
