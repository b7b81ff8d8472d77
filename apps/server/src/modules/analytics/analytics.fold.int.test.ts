import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Insertable } from 'kysely';
import { createAnalyticsFold, type AnalyticsFold } from './analytics.fold';
import { createAnalyticsService, type AnalyticsService } from './analytics.service';

const D = Date.UTC(2026, 10, 20);
const H = 3_600_000;
const DAY = 24 * H;
const P = 'pn-1';
const A = 'acct-1';

type MessageInsert = Insertable<Database['messages']>;

/**
 * The fold against hand-computed numbers: sends and statuses arriving late and out of
 * order, across UTC midnight and read in another time zone, priced from the rate card.
 */
describe(`analytics rollups on ${testDialect}`, () => {
  let db: Db;
  let fold: AnalyticsFold;
  let service: AnalyticsService;
  let tick = D;
  // Every change gets a later updated_at, as the conversations repo gives it.
  const stamp = () => (tick += 1000);

  const template = (name: string) => JSON.stringify({ type: 'template', template: { name } });
  async function insert(m: Partial<MessageInsert> & Pick<MessageInsert, 'id' | 'direction'>) {
    const country = m.contactId === 'c-br' ? 'br' : 'us';
    await db.kysely
      .insertInto('messages')
      .values({
        conversationId: `conv-${country}`,
        contactId: `c-${country}`,
        accountId: A,
        phoneNumberId: P,
        type: 'template',
        payload: template('promo'),
        status: m.direction === 'in' ? 'received' : 'pending',
        createdAt: D,
        ...m,
        updatedAt: stamp(),
      })
      .execute();
  }
  async function update(id: string, set: Partial<MessageInsert>) {
    await db.kysely
      .updateTable('messages')
      .set({ ...set, updatedAt: stamp() })
      .where('id', '=', id)
      .execute();
  }
  const runFold = () => fold.run({ settleMs: 0, batchSize: 2 });
  const day = (from: number, to: number) => service.summary({ from, to, step: 'day' });
  async function snapshot() {
    const rows = await db.kysely.selectFrom('analyticsRollups').selectAll().execute();
    const failures = await db.kysely.selectFrom('analyticsFailureRollups').selectAll().execute();
    const norm = (r: Record<string, unknown>) =>
      JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
    // Rows whose counters went back to zero say nothing; a rebuild never makes them.
    const nonZero = (r: Record<string, unknown>) =>
      Object.entries(r).some(
        ([k, v]) =>
          !['grain', 'bucketStart', 'errorCode'].includes(k) &&
          typeof v !== 'string' &&
          Number(v) !== 0,
      );
    return [...rows, ...failures]
      .filter((r) => nonZero(r as Record<string, unknown>))
      .map((r) => norm(r as Record<string, unknown>))
      .sort();
  }

  beforeAll(async () => {
    db = await createTestDb();
    fold = createAnalyticsFold({ db, clock: { now: () => Date.UTC(2030, 0, 1) } });
    service = createAnalyticsService({ db: db.kysely });
    for (const [id, phone, country] of [
      ['c-us', '+14155550101', 'US'],
      ['c-br', '+5511987654321', 'BR'],
    ] as const) {
      await db.kysely
        .insertInto('contacts')
        .values({ id, phoneE164: phone, country, isOptedOut: 0, createdAt: 1, updatedAt: 1 })
        .execute();
      await db.kysely
        .insertInto('conversations')
        .values({
          id: `conv-${country.toLowerCase()}`,
          phoneNumberId: P,
          accountId: A,
          contactId: id,
          lastMessageAt: D,
          unreadCount: 0,
          createdAt: D,
          updatedAt: D,
        })
        .execute();
    }
    // The test's own card replaces the example prices a fresh install starts with.
    await db.kysely.deleteFrom('rateCard').execute();
    await db.kysely
      .insertInto('rateCard')
      .values([
        {
          id: 'r1',
          countryCode: 'US',
          category: 'marketing',
          currency: 'USD',
          priceMicros: 25_000,
          updatedAt: 1,
        },
        {
          id: 'r2',
          countryCode: '*',
          category: 'marketing',
          currency: 'USD',
          priceMicros: 10_000,
          updatedAt: 1,
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts sends, moves them with late statuses, and re-running changes nothing', async () => {
    // 23:30 UTC on day D: in UTC+1 it is already day D+1.
    await insert({ id: 'm1', direction: 'out', campaignId: 'camp-1', createdAt: D + 23.5 * H });
    await runFold();
    expect((await day(D, D + 2 * DAY)).totals).toMatchObject({
      sent: 1,
      delivered: 0,
      costMicros: 0,
    });

    await update('m1', {
      status: 'delivered',
      deliveredAt: D + 23.6 * H,
      pricingCategory: 'marketing',
      pricingBillable: 1,
    });
    await insert({
      id: 'm2',
      direction: 'out',
      contactId: 'c-br',
      createdAt: D + DAY + 10 * 60_000,
    });
    await update('m2', { status: 'failed', errorCode: 131049, failedAt: D + DAY + 11 * 60_000 });
    await insert({
      id: 'm5',
      direction: 'out',
      contactId: 'c-br',
      createdAt: D + DAY + 20 * 60_000,
      status: 'delivered',
      deliveredAt: D + DAY + 21 * 60_000,
      pricingCategory: 'marketing',
      pricingBillable: 1,
    });
    await runFold();
    let s = await day(D, D + 2 * DAY);
    expect(s.totals).toMatchObject({ sent: 2, delivered: 2, failed: 1, costMicros: 35_000 });
    expect(s.failures).toEqual([{ code: 131049, count: 1 }]);

    const before = await snapshot();
    expect(await runFold()).toEqual({ read: 0, changed: 0 });
    expect(await snapshot()).toEqual(before);

    // Late: m1 read, m5 failed after its delivery (its cost and delivery go back).
    await update('m1', { status: 'read', readAt: D + DAY + 2 * H });
    await update('m5', { status: 'failed', errorCode: 131026, failedAt: D + DAY + H });
    // Replies from the US contact; the first opens a customer service window.
    await insert({
      id: 'm3',
      direction: 'in',
      type: 'text',
      payload: '{}',
      createdAt: D + DAY + H,
      sentByMetaAt: D + DAY + H,
    });
    await insert({
      id: 'm4',
      direction: 'in',
      type: 'text',
      payload: '{}',
      createdAt: D + DAY + 1.5 * H,
      sentByMetaAt: D + DAY + 1.5 * H,
    });
    // A free service message in the window.
    await insert({
      id: 'm6',
      direction: 'out',
      contactId: 'c-br',
      type: 'text',
      payload: '{}',
      createdAt: D + DAY + 3 * H,
      pricingCategory: 'service',
      pricingBillable: 0,
    });
    await runFold();
    s = await day(D, D + 2 * DAY);
    expect(s.totals).toEqual({
      sent: 2,
      delivered: 1,
      read: 1,
      failed: 2,
      replied: 2,
      inbound: 2,
      conversationsOpened: 1,
      free: 1,
      costMicros: 25_000,
    });
    expect(s.failures).toEqual([
      { code: 131026, count: 1 },
      { code: 131049, count: 1 },
    ]);
    // Replies count for the campaign and template that drew them.
    expect(s.byCampaign.find((c) => c.key === 'camp-1')).toMatchObject({
      sent: 1,
      read: 1,
      replied: 2,
    });
    expect(s.byCountry.find((c) => c.key === 'BR')).toMatchObject({ sent: 1, failed: 2, free: 1 });
    expect(s.series.map((p) => p.sent)).toEqual([1, 1]);
  });

  it('reads a day of another time zone from the hourly rollups', async () => {
    // Day D+1 in UTC+1 runs from 23:00 UTC on day D: it holds m1 (23:30 UTC).
    const s = await day(D + DAY - H, D + 2 * DAY - H);
    expect(s.totals).toMatchObject({ sent: 2, failed: 2, inbound: 2, costMicros: 25_000 });
    // In UTC, day D+1 does not hold m1.
    const utc = await day(D + DAY, D + 2 * DAY);
    expect(utc.totals).toMatchObject({ sent: 1, failed: 2, costMicros: 0 });
    expect(utc.previous).toMatchObject({ sent: 1, costMicros: 25_000 });
  });

  it('a rebuild from scratch equals the incrementally maintained rollups', async () => {
    const incremental = await snapshot();
    await fold.rebuild({ settleMs: 0 });
    expect(await snapshot()).toEqual(incremental);
    expect(incremental.length).toBeGreaterThan(0);
  });
});
