import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { LeaseLostError } from '../../errors';
import { createLogger } from '../../logger';
import { manualClock } from '../clock';
import { Leases, type Lease } from './leases';
import { sql } from 'kysely';
import { advisoryNamespaces, leaseName } from './lock-names';
import { findLease, lockInTransaction } from './locks.repo';

const logger = createLogger('silent');

describe(`leases with fencing on ${testDialect}`, () => {
  let db: Db;
  const clock = manualClock();
  const leasesOf = (owner: string) => new Leases({ db, clock, logger, owner });

  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    await db.close();
  });

  it('gives a lease to one holder at a time and releases it after the function', async () => {
    const a = leasesOf('a');
    const b = leasesOf('b');
    const name = leaseName('dispatcher', '106540352242922');
    const result = await a.withLease(name, 10_000, async (lease) => {
      expect(lease.generation).toBe(1);
      expect(await b.withLease(name, 10_000, async () => 'b ran')).toEqual({ acquired: false });
      return 'a ran';
    });
    expect(result).toEqual({ acquired: true, value: 'a ran' });
    // Released: b gets it at once, with a higher generation.
    expect(await b.withLease(name, 10_000, async (lease) => lease.generation)).toEqual({
      acquired: true,
      value: 2,
    });
  });

  it('passes an expired lease to another process and refuses the old holder’s fenced writes', async () => {
    const name = leaseName('singleton', 'test');
    let resume: () => void = () => {};
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let oldLease: Lease | undefined;
    let holding: () => void = () => {};
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const first = leasesOf('a').withLease(name, 5_000, async (lease) => {
      oldLease = lease;
      await lease.fence(db.kysely); // holds: no throw
      holding();
      await paused; // a long GC pause: no renewal happens on the manual clock
      return await db.kysely.transaction().execute(async (tx) => {
        await lease.fence(tx);
        return 'wrote';
      });
    });
    await isHolding;
    clock.advance(5_000);
    const second = await leasesOf('b').withLease(name, 5_000, async (lease) => {
      expect(lease.generation).toBe(2);
      await lease.fence(db.kysely);
      resume();
      await expect(first).rejects.toBeInstanceOf(LeaseLostError);
      return 'b holds';
    });
    expect(second).toEqual({ acquired: true, value: 'b holds' });
    expect(oldLease?.generation).toBe(1);
    // The old holder's release did not free b's lease either (b released it itself).
    expect(await findLease(db.kysely, name)).toMatchObject({ owner: 'b', generation: 2 });
  });

  it('renews the lease with each fenced write: a holder that keeps writing keeps it', async () => {
    const name = leaseName('singleton', 'renewed-by-writes');
    const result = await leasesOf('a').withLease(name, 5_000, async (lease) => {
      const acquiredAt = clock.now();
      for (let i = 1; i <= 3; i++) {
        // Most of a TTL passes between writes (the timer's renewal never runs here).
        clock.advance(4_000);
        await db.kysely.transaction().execute((tx) => lease.fence(tx));
        expect((await findLease(db.kysely, name))?.expiresAt).toBe(acquiredAt + i * 4_000 + 5_000);
      }
      // Another process finds it held, though three TTLs have passed since it was taken.
      expect(await leasesOf('b').withLease(name, 5_000, async () => 'b ran')).toEqual({
        acquired: false,
      });
      return 'a kept it';
    });
    expect(result).toEqual({ acquired: true, value: 'a kept it' });
  });

  it('aborts the holder’s signal when a renewal finds the lease taken', async () => {
    const name = leaseName('singleton', 'renew');
    const done = leasesOf('a').withLease(name, 90, async (lease) => {
      // Another process takes the row over (as after a pause past the TTL).
      await db.kysely
        .updateTable('leases')
        .set({ owner: 'b', generation: 2 })
        .where('name', '=', name)
        .execute();
      await new Promise<void>((resolve) => lease.signal.addEventListener('abort', () => resolve()));
      return lease.signal.reason instanceof LeaseLostError;
    });
    expect(await done).toEqual({ acquired: true, value: true });
    expect(await findLease(db.kysely, name)).toMatchObject({ owner: 'b', generation: 2 });
  });

  it('holds a named advisory lock until commit (PostgreSQL; a no-op on SQLite)', async () => {
    await db.kysely.transaction().execute(async (tx) => {
      await lockInTransaction(tx, db.dialect, 'wamid', ['wamid.A', 'wamid.B']);
      if (db.dialect !== 'postgres') return;
      // Another connection cannot take the same (namespace, key), but can take another namespace's.
      const other = await sql<{ same: boolean; otherNs: boolean }>`select
        pg_try_advisory_xact_lock(${advisoryNamespaces.wamid}, hashtext('wamid.A')) as same,
        pg_try_advisory_xact_lock(${advisoryNamespaces.wamid + 1000}, hashtext('wamid.A')) as other_ns`.execute(
        db.kysely,
      );
      expect(other.rows[0]).toEqual({ same: false, otherNs: true });
    });
  });
});
