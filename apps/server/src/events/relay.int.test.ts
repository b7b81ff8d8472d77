import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import type { Db } from '../db/database';
import { createLogger } from '../logger';
import { EventBus, type BusEvent } from './bus';
import { createInvalidations } from './invalidations';
import { PgEventRelay } from './relay';

const logger = createLogger('silent');

/** Two "processes": a bus each, and on PostgreSQL a relay each on its own connection. */
describe(`live events across processes on ${testDialect}`, () => {
  let db: Db;
  const relays: PgEventRelay[] = [];
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await db.close();
  });

  async function node(nodeId: string): Promise<{ bus: EventBus; seen: BusEvent[] }> {
    const bus = new EventBus();
    const seen: BusEvent[] = [];
    bus.subscribeAll((e) => seen.push(e));
    if (db.connectionString !== undefined) {
      const relay = new PgEventRelay({
        connectionString: db.connectionString,
        bus,
        logger,
        nodeId,
      });
      await relay.start();
      relays.push(relay);
    }
    return { bus, seen };
  }

  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('delivers a published event to the other process once, and to its own process once', async () => {
    const a = await node('a');
    const b = await node('b');
    a.bus.publish('cache.invalidate', { scope: 'settings', id: 'x' });
    const crossesNodes = db.dialect === 'postgres';
    if (crossesNodes) await until(() => b.seen.length > 0);
    // Give a wrongly echoed copy time to arrive before counting.
    await new Promise((r) => setTimeout(r, 100));
    expect(a.seen.map((e) => [e.name, e.remote ?? false])).toEqual([['cache.invalidate', false]]);
    expect(b.seen.map((e) => [e.name, e.payload, e.remote])).toEqual(
      crossesNodes ? [['cache.invalidate', { scope: 'settings', id: 'x' }, true]] : [],
    );
  });

  it('clears a cache in every process through an invalidation', async () => {
    const a = await node('a');
    const b = await node('b');
    const cleared: string[] = [];
    createInvalidations(a.bus).on('accounts.credentials', () => cleared.push('a'));
    createInvalidations(b.bus).on('accounts.credentials', () => cleared.push('b'));
    createInvalidations(a.bus).publish('accounts.credentials');
    // The publisher's own cache is cleared before publish returns.
    expect(cleared).toEqual(['a']);
    if (db.dialect === 'postgres') {
      await until(() => cleared.length > 1);
      expect(cleared).toEqual(['a', 'b']);
    }
  });

  // SQLite runs one process and has no relay to lose.
  if (testDialect === 'postgres')
    it('drops every local cache after its connection came back, since invalidations were missed meanwhile', async () => {
      const a = await node('a');
      const cleared: string[] = [];
      createInvalidations(a.bus).on('accounts.credentials', (id) =>
        cleared.push(`credentials:${id}`),
      );
      createInvalidations(a.bus).on('settings', (id) => cleared.push(`settings:${id}`));
      // The relay's LISTEN connection is cut, as a network blip or a server restart would.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where query like 'listen kiana_events%' and pid <> pg_backend_pid()`.execute(db.kysely);
      await until(() => cleared.length >= 2);
      expect(cleared.sort()).toEqual(['credentials:null', 'settings:null']);
    });
});
