import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { createTestDb } from '../../../test/test-db';
import { EventBus, type BusEvent } from '../../events/bus';
import { createSecrets } from '../../crypto/secrets';
import { keyringOf } from '../../crypto/keyring';
import { manualClock } from '../clock';
import { createSettingsStore, defineSetting, type SettingsStore } from './settings';

const pageSize = defineSetting({
  key: 'test.page_size',
  schema: z.number().int().min(1).max(500),
  defaultValue: () => 50,
});
const apiToken = defineSetting({
  key: 'test.api_token',
  schema: z.string(),
  defaultValue: () => '',
  secret: true,
});

describe('settings store', () => {
  let db: Db;
  let bus: EventBus;
  let events: BusEvent[];
  const clock = manualClock(Date.UTC(2026, 10, 30, 12));
  const secrets = createSecrets(keyringOf([], '', randomBytes(32).toString('base64')));
  const storeOn = (b: EventBus): SettingsStore =>
    createSettingsStore({ db: db.kysely, bus: b, clock, secrets });

  beforeEach(async () => {
    db = await createTestDb();
    bus = new EventBus();
    events = [];
    bus.subscribeAll((e) => events.push(e));
  });
  afterEach(async () => {
    await db.close();
  });

  it('gives the default until saved, then the typed value and when it was saved', async () => {
    const store = storeOn(bus);
    expect(await store.get(db.kysely, pageSize)).toEqual({ value: 50, updatedAt: null });
    await store.set(db.kysely, pageSize, 200);
    expect(await store.get(db.kysely, pageSize)).toEqual({ value: 200, updatedAt: clock.now() });
  });

  it('refuses a value its schema refuses, and reads a stored invalid value as the default', async () => {
    const store = storeOn(bus);
    await expect(store.set(db.kysely, pageSize, 10_000)).rejects.toThrow();
    await db.kysely
      .insertInto('settings')
      .values({ key: pageSize.key, value: '"many"', secretValue: null, updatedAt: 1 })
      .execute();
    expect((await store.get(db.kysely, pageSize)).value).toBe(50);
  });

  it('invalidates the setting everywhere with the key only, never the value', async () => {
    const store = storeOn(bus);
    await store.set(db.kysely, apiToken, 'tok_live_abcdef123456');
    expect(events.map((e) => [e.name, e.payload])).toEqual([
      ['cache.invalidate', { scope: 'settings', id: apiToken.key }],
    ]);
  });

  it('publishes after the commit of update, and not at all when the transaction rolls back', async () => {
    const store = storeOn(bus);
    await expect(
      store.update(pageSize, 120, () => Promise.reject(new Error('audit refused'))),
    ).rejects.toThrow('audit refused');
    expect(events).toEqual([]);
    expect((await store.get(db.kysely, pageSize)).value).toBe(50);
    await store.update(pageSize, 120);
    expect(events.map((e) => e.name)).toEqual(['cache.invalidate']);
    expect((await store.get(db.kysely, pageSize)).value).toBe(120);
  });

  it('keeps a secret sealed at rest and shows only whether it is set and a hint', async () => {
    const store = storeOn(bus);
    expect(await store.describeSecret(db.kysely, apiToken)).toEqual({ isSet: false, hint: null });
    await store.set(db.kysely, apiToken, 'tok_live_abcdef123456');
    const row = await db.kysely
      .selectFrom('settings')
      .select(['value', 'secretValue'])
      .where('key', '=', apiToken.key)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('abcdef');
    expect(row.value).toBe('null');
    const shown = await store.describeSecret(db.kysely, apiToken);
    expect(shown.isSet).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('abcdef12');
    expect((await store.get(db.kysely, apiToken)).value).toBe('tok_live_abcdef123456');
  });

  it('serves a cached value until its invalidation arrives, as another process would see it', async () => {
    // Two stores on one database with separate buses: two processes before the relay.
    const busB = new EventBus();
    const a = storeOn(bus);
    const b = storeOn(busB);
    await a.set(db.kysely, pageSize, 100);
    expect((await b.get(db.kysely, pageSize)).value).toBe(100);
    await a.set(db.kysely, pageSize, 300);
    // B has not heard of the change: its cache still answers.
    expect((await b.get(db.kysely, pageSize)).value).toBe(100);
    // The relayed event drops the key from B's cache.
    busB.publish('cache.invalidate', { scope: 'settings', id: pageSize.key });
    expect((await b.get(db.kysely, pageSize)).value).toBe(300);
  });

  it('reads its own uncommitted write inside a transaction', async () => {
    const store = storeOn(bus);
    await store.set(db.kysely, pageSize, 10);
    await db.kysely.transaction().execute(async (tx) => {
      await store.set(tx, pageSize, 20);
      expect((await store.get(tx, pageSize)).value).toBe(20);
    });
    expect((await store.get(db.kysely, pageSize)).value).toBe(20);
  });

  it('refuses a second, different declaration of a key', () => {
    expect(() =>
      defineSetting({ key: pageSize.key, schema: z.number(), defaultValue: () => 1 }),
    ).toThrow('declared twice');
  });
});
