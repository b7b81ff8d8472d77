import type { Db } from '../../db/database';
import type { Executor } from '../../db/executor';
import { LeaseLostError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import * as repo from './locks.repo';

/** A held lease, as the function running under it sees it. */
export interface Lease {
  name: string;
  owner: string;
  /** The fencing token: grows at each new holder. */
  generation: number;
  /** Aborted when the lease is lost (a renewal found another holder, or it expired). */
  signal: AbortSignal;
  /**
   * Throws LeaseLostError unless this lease still holds, and renews it; call first inside
   * each write's transaction (it holds the lease row until the transaction ends).
   */
  fence(ex: Executor): Promise<void>;
}

export type LeaseResult<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Named leases over the `leases` table, on both dialects: one owner at a time across
 * processes, renewed every third of the TTL while the function runs, released after it.
 * A process that pauses past its TTL loses the lease; its fenced writes are refused.
 */
export class Leases {
  constructor(private readonly deps: { db: Db; clock: Clock; logger: Logger; owner: string }) {}

  /**
   * Runs `fn` holding the lease `name` for `ttlMs` (renewed); `{ acquired: false }` at once
   * when another process holds it.
   */
  async withLease<T>(
    name: string,
    ttlMs: number,
    fn: (lease: Lease) => Promise<T>,
  ): Promise<LeaseResult<T>> {
    const { db, clock, logger, owner } = this.deps;
    const generation = await repo.acquireLease(db.kysely, { name, owner, now: clock.now(), ttlMs });
    if (generation === null) return { acquired: false };
    const abort = new AbortController();
    let expiresAt = clock.now() + ttlMs;
    const lose = (): void => {
      if (!abort.signal.aborted) abort.abort(new LeaseLostError(`lease ${name}`));
    };
    const renew = async (): Promise<void> => {
      const next = clock.now() + ttlMs;
      try {
        if (await repo.renewLease(db.kysely, { name, owner, generation, expiresAt: next }))
          expiresAt = next;
        else lose();
      } catch (err) {
        logger.warn({ err, lease: name }, 'could not renew a lease');
        if (clock.now() >= expiresAt) lose();
      }
    };
    const timer = setInterval(() => void renew(), Math.max(50, Math.floor(ttlMs / 3)));
    timer.unref();
    const lease: Lease = {
      name,
      owner,
      generation,
      signal: abort.signal,
      fence: async (ex) => {
        const now = clock.now();
        await repo.fenceLease(ex, { name, generation, now, extendTo: now + ttlMs });
      },
    };
    try {
      return { acquired: true, value: await fn(lease) };
    } finally {
      clearInterval(timer);
      if (!abort.signal.aborted)
        await repo
          .releaseLease(db.kysely, { name, owner, generation })
          .catch((err: unknown) => logger.warn({ err, lease: name }, 'could not release a lease'));
    }
  }
}
