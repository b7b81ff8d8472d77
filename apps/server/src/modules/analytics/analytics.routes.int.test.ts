import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsSummary, MessageLogDetail, MessageLogPage } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { AnalyticsModule } from './analytics.module';

const D = Date.UTC(2026, 10, 20);

/** The dashboard summary and the messages log over HTTP, with their access rules. */
describe(`analytics routes on ${testDialect}`, () => {
  let t: TestApp;
  let viewer: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn', clock: { now: () => D + 10 * 86_400_000 } });
    viewer = await userWithRole(t, 'viewer');
    const db = t.ctx.db.kysely;
    await db
      .insertInto('contacts')
      .values({
        id: 'c1',
        phoneE164: '+14155550101',
        country: 'US',
        isOptedOut: 0,
        createdAt: 1,
        updatedAt: 1,
      })
      .execute();
    await db
      .insertInto('conversations')
      .values({
        id: 'v1',
        phoneNumberId: 'pn',
        contactId: 'c1',
        lastMessageAt: D,
        unreadCount: 0,
        createdAt: D,
        updatedAt: D,
      })
      .execute();
    const base = { conversationId: 'v1', contactId: 'c1', phoneNumberId: 'pn', updatedAt: D };
    await db
      .insertInto('messages')
      .values([
        {
          ...base,
          id: 'ok',
          direction: 'out',
          type: 'template',
          payload: JSON.stringify({ type: 'template', template: { name: 'spring_sale' } }),
          status: 'read',
          createdAt: D + 1000,
          sentAt: D + 2000,
          deliveredAt: D + 3000,
          readAt: D + 4000,
        },
        {
          ...base,
          id: 'bad',
          direction: 'out',
          type: 'template',
          payload: JSON.stringify({ type: 'template', template: { name: 'spring_sale' } }),
          status: 'failed',
          createdAt: D + 5000,
          failedAt: D + 6000,
          errorCode: 131026,
          errorTitle: 'Message undeliverable',
        },
        {
          ...base,
          id: 'hi',
          direction: 'in',
          type: 'text',
          text: 'hello there',
          payload: '{"type":"text"}',
          status: 'received',
          createdAt: D + 7000,
        },
      ])
      .execute();
    const analytics = t.modules.find((m) => m.name === 'analytics') as AnalyticsModule;
    await analytics.fold.run();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers the summary from the rollups', async () => {
    const res = await t.app.inject({
      url: `/api/v1/analytics/summary?from=${D}&to=${D + 86_400_000}&step=hour`,
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(200);
    const s = res.json<AnalyticsSummary>();
    expect(s.totals).toMatchObject({
      sent: 1,
      delivered: 1,
      read: 1,
      failed: 1,
      inbound: 1,
      replied: 1,
    });
    expect(s.series).toHaveLength(24);
    expect(s.failures).toEqual([{ code: 131026, count: 1 }]);
    expect(s.byTemplate[0]).toMatchObject({ key: 'spring_sale', sent: 1, failed: 1 });
    expect(s.foldedAt).toBe(D);
    // The rollups reach the fold's run (the test clock) less its 5 s settle time.
    expect(s.watermark).toBe(D + 10 * 86_400_000 - 5_000);
  });

  it('filters the messages log by error code, searches it and pages it', async () => {
    const failed = await t.app.inject({
      url: '/api/v1/message-log?errorCode=131026',
      headers: viewer.headers,
    });
    expect(failed.json<MessageLogPage>().messages.map((m) => m.id)).toEqual(['bad']);
    const search = await t.app.inject({
      url: '/api/v1/message-log?q=hello',
      headers: viewer.headers,
    });
    expect(search.json<MessageLogPage>().messages.map((m) => m.id)).toEqual(['hi']);
    const first = (
      await t.app.inject({ url: '/api/v1/message-log?limit=2', headers: viewer.headers })
    ).json<MessageLogPage>();
    expect(first.messages.map((m) => m.id)).toEqual(['hi', 'bad']);
    const second = (
      await t.app.inject({
        url: `/api/v1/message-log?limit=2&cursor=${first.nextCursor ?? ''}`,
        headers: viewer.headers,
      })
    ).json<MessageLogPage>();
    expect(second).toMatchObject({
      messages: [{ id: 'ok', templateName: 'spring_sale' }],
      nextCursor: null,
    });
  });

  it('shows a message with its status history and payload; 404 for an unknown id', async () => {
    const res = await t.app.inject({ url: '/api/v1/message-log/ok', headers: viewer.headers });
    const d = res.json<MessageLogDetail>();
    expect(d.history.map((h) => h.status)).toEqual(['accepted', 'sent', 'delivered', 'read']);
    expect(d.payload).toEqual({ type: 'template', template: { name: 'spring_sale' } });
    const missing = await t.app.inject({
      url: '/api/v1/message-log/nope',
      headers: viewer.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses the summary to anyone not signed in', async () => {
    const res = await t.app.inject({ url: `/api/v1/analytics/summary?from=${D}&to=${D + 1}` });
    expect(res.statusCode).toBe(401);
  });

  it('filters the log by contact, campaign, status and time, and streams it as CSV', async () => {
    const db = t.ctx.db.kysely;
    await db
      .insertInto('contacts')
      .values({
        id: 'c2',
        phoneE164: '+5511987650002',
        name: 'Bruna Alves',
        country: 'BR',
        isOptedOut: 0,
        createdAt: 1,
        updatedAt: 1,
      })
      .execute();
    // 1,001 campaign sends: the export reads them in three pages of 500.
    const sends = Array.from({ length: 1001 }, (_, i) => ({
      id: `bulk-${String(i).padStart(4, '0')}`,
      conversationId: 'v1',
      contactId: 'c2',
      phoneNumberId: 'pn',
      campaignId: 'camp-x',
      direction: 'out' as const,
      type: 'template',
      payload: '{}',
      status: i % 2 === 0 ? 'delivered' : 'failed',
      errorCode: i % 2 === 0 ? null : 131049,
      createdAt: D + 20_000 + i,
      updatedAt: D,
    }));
    for (let i = 0; i < sends.length; i += 200)
      await db
        .insertInto('messages')
        .values(sends.slice(i, i + 200))
        .execute();
    const ids = async (query: string) =>
      (await t.app.inject({ url: `/api/v1/message-log?${query}`, headers: viewer.headers }))
        .json<MessageLogPage>()
        .messages.map((m) => m.id);
    expect(await ids('contact=bruna&limit=3')).toEqual(['bulk-1000', 'bulk-0999', 'bulk-0998']);
    expect(await ids('contact=4155550101')).toEqual(['hi', 'bad', 'ok']);
    expect(await ids('contactId=c1&status=failed')).toEqual(['bad']);
    expect(
      await ids(`campaignId=camp-x&errorCode=131049&from=${D + 20_000}&to=${D + 20_004}`),
    ).toEqual(['bulk-0003', 'bulk-0001']);

    const csv = await t.app.inject({
      url: '/api/v1/message-log.csv?campaignId=camp-x&status=delivered',
      headers: viewer.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      'createdAt,direction,status,phoneNumberId,contactPhone,contactName,templateName,campaignId,errorCode,wamid,text',
    );
    // 501 delivered sends (the even ones), newest first, each once across the page breaks.
    expect(lines).toHaveLength(502);
    // A number starts with '+': the platform's CSV defuses it as a would-be formula.
    expect(lines[1]).toBe(
      `${new Date(D + 21_000).toISOString()},out,delivered,pn,'+5511987650002,Bruna Alves,,camp-x,,,`,
    );
    expect(new Set(lines).size).toBe(502);
    expect(lines.at(-1)).toContain(new Date(D + 20_000).toISOString());
    const denied = await t.app.inject({ url: '/api/v1/message-log.csv' });
    expect(denied.statusCode).toBe(401);
  });
});
