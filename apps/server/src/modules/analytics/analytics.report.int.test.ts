import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { adjustCounts } from '../campaigns/campaigns.counts.repo';
import { markOptedOut } from '../campaigns/dispatch/dispatch.repo';
import { insertRunningCampaign } from '../campaigns/dispatch/dispatch.testkit';
import { updateMessageState } from '../conversations/conversations.repo';
import {
  applyStatus,
  initialStatusState,
  type StatusEvent,
  type StatusState,
} from '../conversations/conversations.status';
import { createAnalyticsFold, type AnalyticsFold } from './analytics.fold';
import { campaignReport, campaignReportCsv } from './analytics.report';

const H = 3_600_000;
const M = 60_000;
/** Launch at 09:00 UTC; the last reply comes the next day (across midnight). */
const L = Date.UTC(2026, 10, 20, 9);
const A = 'acct-1';
const P = 'pn-1';
const TEMPLATE = { id: 't', name: 'promo', language: 'en_US', category: 'MARKETING' };

/** Contacts: three in the US, two in Brazil, each with its own conversation. */
const CONTACTS = [
  ['us1', '+14155550101', 'US'],
  ['us2', '+14155550102', 'US'],
  ['us3', '+14155550103', 'US'],
  ['br1', '+5511987650001', 'BR'],
  ['br2', '+5511987650002', 'BR'],
] as const;

const marketing = (billable: boolean) => ({
  model: 'PMP',
  category: 'marketing',
  type: billable ? 'regular' : 'free_entry_point',
  billable,
});

/**
 * The report against hand-computed figures: statuses fed through the real delivery state
 * machine out of order and duplicated, the fold run between them, and a rebuild equal.
 */
describe(`campaign report on ${testDialect}`, () => {
  let db: Db;
  let fold: AnalyticsFold;
  let campaignId: string;
  let otherId: string;
  let tick = L;
  const states = new Map<string, StatusState>();

  async function send(id: string, contact: string, at: number, campaign: string | null) {
    await db.kysely
      .insertInto('messages')
      .values({
        id,
        conversationId: `conv-${contact}`,
        contactId: contact,
        accountId: A,
        phoneNumberId: P,
        direction: 'out',
        type: 'template',
        payload: JSON.stringify({ type: 'template', template: { name: 'promo' } }),
        status: 'pending',
        campaignId: campaign,
        createdAt: at,
        updatedAt: (tick += 1000),
      } satisfies Insertable<Database['messages']>)
      .execute();
    states.set(id, initialStatusState());
  }
  async function reply(id: string, contact: string, at: number) {
    await db.kysely
      .insertInto('messages')
      .values({
        id,
        conversationId: `conv-${contact}`,
        contactId: contact,
        accountId: A,
        phoneNumberId: P,
        direction: 'in',
        type: 'text',
        payload: '{}',
        text: 'yes please',
        status: 'received',
        createdAt: at,
        sentByMetaAt: at,
        updatedAt: (tick += 1000),
      } satisfies Insertable<Database['messages']>)
      .execute();
  }
  /** One status webhook, through the state machine the conversations module applies. */
  async function status(id: string, event: StatusEvent) {
    const next = applyStatus(states.get(id) ?? initialStatusState(), event);
    states.set(id, next);
    await updateMessageState(db.kysely, id, next, (tick += 1000));
  }
  const runFold = () => fold.run({ settleMs: 0, batchSize: 3 });

  beforeAll(async () => {
    db = await createTestDb();
    fold = createAnalyticsFold({ db, clock: { now: () => Date.UTC(2030, 0, 1) } });
    for (const [id, phone, country] of CONTACTS) {
      await db.kysely
        .insertInto('contacts')
        .values({ id, phoneE164: phone, country, isOptedOut: 0, createdAt: 1, updatedAt: 1 })
        .execute();
      await db.kysely
        .insertInto('conversations')
        .values({
          id: `conv-${id}`,
          phoneNumberId: P,
          accountId: A,
          contactId: id,
          lastMessageAt: L,
          unreadCount: 0,
          createdAt: L,
          updatedAt: L,
        })
        .execute();
    }
    await db.kysely.deleteFrom('rateCard').execute();
    await db.kysely
      .insertInto('rateCard')
      .values([
        {
          id: 'r1',
          countryCode: 'US',
          category: 'marketing',
          currency: 'EUR',
          priceMicros: 25_000,
          updatedAt: 1,
        },
        {
          id: 'r2',
          countryCode: '*',
          category: 'marketing',
          currency: 'EUR',
          priceMicros: 10_000,
          updatedAt: 1,
        },
      ])
      .execute();
    const phones = CONTACTS.map(([, phone]) => phone);
    campaignId = await insertRunningCampaign(db.kysely, {
      accountId: A,
      phoneNumberId: P,
      template: TEMPLATE,
      phones: [...phones, '+14155550199'],
      now: L,
    });
    otherId = await insertRunningCampaign(db.kysely, {
      accountId: A,
      phoneNumberId: P,
      template: TEMPLATE,
      phones: ['+14155550101'],
      now: L,
    });
    // The recipients' statuses as the dispatcher left them: one skipped before sending.
    await adjustCounts(db.kysely, campaignId, {
      queued: -6,
      skipped: 1,
      sent: 1,
      delivered: 1,
      read: 2,
      failed: 1,
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('adds up funnel, failures, curves, countries and cost to hand-computed figures', async () => {
    await send('m1', 'us1', L + 10 * M, campaignId);
    await send('m2', 'us2', L + 15 * M, campaignId);
    await send('m3', 'br1', L + 20 * M, campaignId);
    await send('m4', 'br2', L + 22 * M, campaignId);
    await send('m5', 'us3', L + 40 * M, campaignId);
    // Not this campaign's: another campaign's and a message sent by hand.
    await send('x1', 'us1', L + 5 * M, otherId);
    await send('x2', 'us2', L + 6 * M, null);
    await runFold();

    // m1: read before delivered before sent, with duplicates, the fold run in between.
    await status('m1', { status: 'read', at: L + 2.5 * H, pricing: marketing(true) });
    await runFold();
    await status('m1', { status: 'delivered', at: L + 65 * M, pricing: marketing(true) });
    await status('m1', { status: 'sent', at: L + 11 * M, pricing: marketing(true) });
    await status('m1', { status: 'delivered', at: L + 65 * M, pricing: marketing(true) });
    // m2: delivered, then a read delivered twice.
    await status('m2', { status: 'delivered', at: L + 20 * M, pricing: marketing(true) });
    await runFold();
    await status('m2', { status: 'read', at: L + 70 * M, pricing: marketing(true) });
    await status('m2', { status: 'read', at: L + 70 * M, pricing: marketing(true) });
    // m3: a free entry point message, delivered three hours on.
    await status('m3', { status: 'delivered', at: L + 3 * H, pricing: marketing(false) });
    // m4: not on WhatsApp; the failure arrives before the `sent`.
    const notOnWhatsApp = {
      code: 131026,
      title: 'Message undeliverable',
      message: null,
      details: null,
    };
    await status('m4', { status: 'failed', at: L + 30 * M, error: notOnWhatsApp });
    await runFold();
    await status('m4', { status: 'sent', at: L + 25 * M });
    await status('m4', { status: 'failed', at: L + 30 * M, error: notOnWhatsApp });
    // m5 stays accepted (no webhook yet): sent, priced from the template's category.
    await status('x1', { status: 'read', at: L + H, pricing: marketing(true) });
    // Replies: us1 after four hours, br1 the next day.
    await reply('r1', 'us1', L + 4 * H + 5 * M);
    await reply('r2', 'br1', L + 26 * H);
    await runFold();
    // The opt-out webhook marks the recipient; its duplicate does not count again.
    await db.kysely
      .updateTable('campaignRecipients')
      .set({ status: 'read', sendingAt: L + 15 * M })
      .where('campaignId', '=', campaignId)
      .where('phoneE164', '=', '+14155550102')
      .execute();
    await markOptedOut(db.kysely, '+14155550102', L + 5 * H);
    await markOptedOut(db.kysely, '+14155550102', L + 5 * H);
    await runFold();

    const report = await campaignReport(db.kysely, campaignId);
    expect(report.funnel).toEqual({
      targeted: 5,
      skipped: 1,
      sent: 4,
      delivered: 3,
      read: 2,
      replied: 2,
      optedOut: 1,
      failed: 1,
    });
    expect(report.failures).toEqual([{ code: 131026, count: 1 }]);
    expect(report.campaign).toMatchObject({ id: campaignId, launchedAt: L, templateName: 'promo' });
    // 27 hours: from the launch hour to the hour of the next day's reply.
    expect(report.hours).toHaveLength(27);
    const nonZero = report.hours
      .map((h, i) => ({
        i,
        sent: h.sent,
        delivered: h.delivered,
        read: h.read,
        replied: h.replied,
      }))
      .filter((h) => h.sent + h.delivered + h.read + h.replied > 0);
    expect(nonZero).toEqual([
      { i: 0, sent: 4, delivered: 1, read: 0, replied: 0 },
      { i: 1, sent: 0, delivered: 1, read: 1, replied: 0 },
      { i: 2, sent: 0, delivered: 0, read: 1, replied: 0 },
      { i: 3, sent: 0, delivered: 1, read: 0, replied: 0 },
      { i: 4, sent: 0, delivered: 0, read: 0, replied: 1 },
      { i: 26, sent: 0, delivered: 0, read: 0, replied: 1 },
    ]);
    expect(report.hours[26]?.start).toBe(L + 26 * H);
    const country = (key: string) => report.byCountry.find((c) => c.key === key);
    expect(country('US')).toMatchObject({
      sent: 3,
      delivered: 2,
      read: 2,
      failed: 0,
      replied: 1,
      free: 0,
      costMicros: 75_000,
    });
    expect(country('BR')).toMatchObject({
      sent: 1,
      delivered: 1,
      read: 0,
      failed: 1,
      replied: 1,
      free: 1,
      costMicros: 0,
    });
    expect(report.byCountry).toHaveLength(2);
    // m1, m2 billed at the US price; m5 estimated at it; m3 free.
    expect(report.cost).toEqual({
      currency: 'EUR',
      costMicros: 75_000,
      free: 1,
      billable: 3,
      byCategory: [{ key: 'marketing', sent: 4, free: 1, costMicros: 75_000 }],
    });

    const csv = campaignReportCsv(report).split('\r\n');
    expect(csv[0]).toBe('section,key,metric,value');
    expect(csv).toContain('funnel,,targeted,5');
    expect(csv).toContain('funnel,,optedOut,1');
    expect(csv).toContain('failure,131026,count,1');
    expect(csv).toContain('country,BR,failed,1');
    expect(csv).toContain('cost,EUR,total,0.0750');
    expect(csv).toContain(`hour,${new Date(L + 26 * H).toISOString()},replied,1`);

    // Folding again changes nothing; a rebuild from scratch gives the same report.
    await runFold();
    expect(await campaignReport(db.kysely, campaignId)).toEqual(report);
    await fold.rebuild({ settleMs: 0 });
    expect(await campaignReport(db.kysely, campaignId)).toEqual(report);
  });
});
