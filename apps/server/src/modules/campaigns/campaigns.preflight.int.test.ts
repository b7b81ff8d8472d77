import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignDetailSchema,
  campaignPreflightSchema,
  campaignProgressSchema,
  rateCardSchema,
  recipientPageSchema,
  sendingNumbersSchema,
} from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { emptyMessage } from '../conversations/conversations.service';
import type { PrivacyModule } from '../privacy/privacy.module';
import { moveRecipients } from './campaigns.counts.repo';
import { seedContact, seedSender } from './campaigns.testkit';
import { insertRunningCampaign } from './dispatch/dispatch.testkit';

// Pre-flight, progress, recipients, the rate card and the admin routes, against numbers
// worked out by hand from the seeded audience, the default rate card and the portfolio.

let kiana: TestApp;
let admin: SignedIn;
let agent: SignedIn;
let viewer: SignedIn;
let sender: Awaited<ReturnType<typeof seedSender>>;
const DAY = 86_400_000;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  agent = await userWithRole(kiana, 'agent');
  viewer = await userWithRole(kiana, 'viewer');
  sender = await seedSender(kiana.ctx.db.kysely, { suffix: 'p', messagingLimitTier: 'TIER_250' });
});
afterAll(async () => {
  await kiana.close();
});

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  who: SignedIn,
  payload?: object,
) => kiana.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, payload });

async function draft(extra: object): Promise<string> {
  const res = await api('POST', '/campaigns', agent, {
    name: 'Pre-flight',
    phoneNumberId: sender.phoneNumberId,
    templateId: sender.marketingId,
    audience: { numbers: ['+15550001000'] },
    variables: {
      'body.1': { source: 'fixed', value: 'friend' },
      'body.2': { source: 'fixed', value: 'X1' },
    },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return campaignDetailSchema.parse(res.json()).id;
}

async function marketingMessages(contactId: string, n: number, at: number): Promise<void> {
  const ex = kiana.ctx.db.kysely;
  const conversationId = randomUUID();
  await ex
    .insertInto('conversations')
    .values({
      id: conversationId,
      phoneNumberId: sender.phoneNumberId,
      accountId: sender.accountId,
      contactId,
      lastMessageAt: at,
      lastInboundAt: null,
      windowExpiresAt: null,
      unreadCount: 0,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  for (let i = 0; i < n; i++)
    await ex
      .insertInto('messages')
      .values({
        ...emptyMessage(),
        id: randomUUID(),
        conversationId,
        contactId,
        accountId: sender.accountId,
        phoneNumberId: sender.phoneNumberId,
        wamid: `wamid.cap.${i}`,
        direction: 'out',
        type: 'template',
        text: 'promo',
        payload: '{}',
        status: 'delivered',
        pricingCategory: 'marketing',
        sentAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
}

describe(`campaign pre-flight on ${testDialect}`, () => {
  it('counts each removal with its reason, the limit left, the duration and the cost by country', async () => {
    const ex = kiana.ctx.db.kysely;
    const now = kiana.ctx.clock.now();
    await ex
      .insertInto('tags')
      .values({ id: 'tag-pf', name: 'pf', nameKey: 'pf', colour: null, createdAt: 1 })
      .execute();
    await seedContact(ex, '+14155550101', { name: 'Ann', tagId: 'tag-pf' });
    await seedContact(ex, '+14155550102', { tagId: 'tag-pf', optedOut: true });
    await seedContact(ex, '+14155550103', { tagId: 'tag-pf' });
    const gb = await seedContact(ex, '+447400123456', { tagId: 'tag-pf' });
    await ex
      .updateTable('contacts')
      .set({ lastInboundAt: now - 3_600_000 })
      .where('id', '=', gb)
      .execute();
    const capped = await seedContact(ex, '+4915112345678', { tagId: 'tag-pf' });
    await marketingMessages(capped, 3, now - 2 * DAY);
    const privacy = kiana.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress(['+14155550103'], 'deletion', null);
    // The portfolio messaged 248 others and Ann today, and someone else two days ago.
    const others = Array.from({ length: 248 }, (_, i) => `+1202555${String(i).padStart(4, '0')}`);
    await ex
      .insertInto('portfolioRecipients')
      .values([
        ...[...others, '+14155550101'].map((phoneE164) => ({
          portfolioId: sender.accountId,
          phoneE164,
          lastBusinessInitiatedAt: now - 3_600_000,
        })),
        {
          portfolioId: sender.accountId,
          phoneE164: '+12025559999',
          lastBusinessInitiatedAt: now - 2 * DAY,
        },
      ])
      .execute();

    const id = await draft({
      audience: {
        tagIds: ['tag-pf'],
        numbers: ['not a number', '+1 415 555 0101', '+5511987654321', '+84912345678'],
      },
      frequencyCap: { max: 2, days: 7 },
    });
    const res = await api('GET', `/campaigns/${id}/preflight`, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const p = campaignPreflightSchema.parse(res.json());
    expect(p.candidates).toBe(9);
    expect(p.recipients).toBe(4);
    expect(p.skipped).toMatchObject({
      opted_out: 1,
      suppressed: 1,
      frequency_cap: 1,
      invalid_number: 1,
      duplicate: 1,
      missing_parameter: 0,
    });
    // 250 a day, 249 used (the two-day-old number no longer counts); Ann is already in the
    // window, so three new people for one place: two deferred.
    expect(p.messagingLimit).toEqual({
      limit: 250,
      usedLast24h: 249,
      remaining: 1,
      deferredByLimit: 2,
    });
    expect(p.throughput).toEqual({ messagesPerSecond: 80, estimatedSeconds: 1 });
    // Marketing is charged inside the service window too; Viet Nam has no row: the '*' row.
    expect(p.cost.currency).toBe('USD');
    expect(
      p.cost.lines.map((l) => [l.countryCode, l.recipients, l.free, l.priceMicros, l.totalMicros]),
    ).toEqual([
      ['BR', 1, 0, 62_500, 62_500],
      ['*', 1, 0, 60_400, 60_400],
      ['GB', 1, 0, 52_900, 52_900],
      ['US', 1, 0, 25_000, 25_000],
    ]);
    expect(p.cost.totalMicros).toBe(200_800);
    expect(p.cost.unpricedCountries).toEqual(['VN']);
    expect(p.template).toEqual({ status: 'APPROVED', quality: 'GREEN', category: 'MARKETING' });
    expect(p.number).toMatchObject({ quality: 'GREEN', status: 'CONNECTED' });
    expect(p).toMatchObject({ problems: [], canLaunch: true });
    // Nothing was written: the pre-flight only counts.
    const rows = await ex
      .selectFrom('campaignRecipients')
      .select('id')
      .where('campaignId', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('applies the free-window rule to utility templates, and the edited rate card', async () => {
    const id = await draft({
      templateId: sender.utilityId,
      audience: { numbers: ['+447400123456', '+14155550101'] },
    });
    const put = await api('PUT', '/campaigns/rate-card', admin, {
      rows: [
        { countryCode: 'US', category: 'utility', currency: 'USD', priceMicros: 5_000 },
        { countryCode: 'GB', category: 'utility', currency: 'USD', priceMicros: 22_000 },
        { countryCode: '*', category: 'marketing', currency: 'USD', priceMicros: 60_400 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const card = rateCardSchema.parse(put.json());
    expect(card.rows).toHaveLength(3);
    expect(card.rows.find((r) => r.countryCode === 'US')).toMatchObject({
      priceMicros: 5_000,
      isExample: false,
    });
    // The unchanged '*' marketing row keeps its example mark and author.
    expect(card.rows.find((r) => r.countryCode === '*')).toMatchObject({
      isExample: true,
      updatedBy: null,
    });
    const p = campaignPreflightSchema.parse(
      (await api('GET', `/campaigns/${id}/preflight`, agent)).json(),
    );
    // GB wrote an hour ago: its window is open and the utility message is free.
    expect(
      p.cost.lines.map((l) => [l.category, l.countryCode, l.recipients, l.free, l.totalMicros]),
    ).toEqual([
      ['utility', 'US', 1, 0, 5_000],
      ['utility', 'GB', 1, 1, 0],
    ]);
    expect(p.cost.totalMicros).toBe(5_000);
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'campaign.rate_card.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await api('GET', '/campaigns/rate-card', agent)).statusCode).toBe(403);
    expect(
      (
        await api('PUT', '/campaigns/rate-card', admin, {
          rows: [
            { countryCode: 'US', category: 'utility', currency: 'USD', priceMicros: 1 },
            { countryCode: 'US', category: 'utility', currency: 'USD', priceMicros: 2 },
          ],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('names blocking problems, and launch refuses them with the same reason', async () => {
    const ex = kiana.ctx.db.kysely;
    const paused = await draft({ audience: { numbers: ['+14155550199'] } });
    await ex
      .updateTable('waTemplates')
      .set({ status: 'PAUSED' })
      .where('id', '=', sender.marketingId)
      .execute();
    try {
      const p = campaignPreflightSchema.parse(
        (await api('GET', `/campaigns/${paused}/preflight`, agent)).json(),
      );
      expect(p.canLaunch).toBe(false);
      expect(p.problems.map((x) => x.code)).toEqual(['template_not_approved']);
      const launch = await api('POST', `/campaigns/${paused}/launch`, agent);
      expect(launch.statusCode).toBe(409);
      expect(launch.json()).toMatchObject({
        code: 'campaign_blocked',
        message: p.problems[0]!.message,
      });
    } finally {
      await ex
        .updateTable('waTemplates')
        .set({ status: 'APPROVED' })
        .where('id', '=', sender.marketingId)
        .execute();
    }
    const empty = await draft({ audience: { numbers: ['not a number'] } });
    const p = campaignPreflightSchema.parse(
      (await api('GET', `/campaigns/${empty}/preflight`, agent)).json(),
    );
    expect(p.problems.map((x) => x.code)).toEqual(['audience_empty']);
    expect((await api('POST', `/campaigns/${empty}/launch`, agent)).json()).toMatchObject({
      code: 'campaign_blocked',
    });

    const restricted = await seedSender(ex, {
      suffix: 'r',
      restriction: JSON.stringify({
        event: 'ACCOUNT_RESTRICTION',
        detail: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION',
      }),
    });
    const res = await api('POST', '/campaigns', agent, {
      name: 'Restricted',
      phoneNumberId: restricted.phoneNumberId,
      templateId: restricted.utilityId,
      audience: { numbers: ['+14155550199'] },
    });
    const rid = campaignDetailSchema.parse(res.json()).id;
    const rp = campaignPreflightSchema.parse(
      (await api('GET', `/campaigns/${rid}/preflight`, agent)).json(),
    );
    expect(rp.problems.map((x) => x.code)).toEqual(['number_restricted']);
    const refused = await api('POST', `/campaigns/${rid}/launch`, agent);
    expect(refused.statusCode).toBe(409);
    expect(
      campaignDetailSchema.parse((await api('GET', `/campaigns/${rid}`, agent)).json()).status,
    ).toBe('draft');
  });
});

describe(`campaign progress and recipients on ${testDialect}`, () => {
  it('reports counts, the rate over the last seconds, the finish estimate and each recipient', async () => {
    const ex = kiana.ctx.db.kysely;
    const now = kiana.ctx.clock.now();
    await seedContact(ex, '+16505550001', { name: 'Zoë Example' });
    const id = await insertRunningCampaign(ex, {
      accountId: sender.accountId,
      phoneNumberId: sender.phoneNumberId,
      template: { id: sender.utilityId, name: 'tpl', language: 'en', category: 'UTILITY' },
      phones: ['+16505550001', '+16505550002', '+16505550003', '+16505550004'],
      now,
    });
    await ex
      .updateTable('campaignRecipients')
      .set({ contactId: 'c-16505550001' })
      .where('phoneE164', '=', '+16505550001')
      .execute();
    await ex
      .updateTable('campaignRecipients')
      .set({
        status: 'failed',
        errorCode: 131026,
        errorTitle: 'Message undeliverable',
        failureKind: 'permanent',
        failedAt: now,
      })
      .where('campaignId', '=', id)
      .where('phoneE164', '=', '+16505550002')
      .execute();
    await moveRecipients(ex, id, 'queued', 'failed', 1);
    await ex
      .updateTable('campaignRecipients')
      .set({ status: 'deferred', reason: 'messaging_limit', dueAt: now + DAY })
      .where('campaignId', '=', id)
      .where('phoneE164', '=', '+16505550003')
      .execute();
    await moveRecipients(ex, id, 'queued', 'deferred', 1);
    const nowS = Math.floor(now / 1000);
    await ex
      .insertInto('campaignSendLog')
      .values(
        [1, 2, 3, 4, 5].map((ago) => ({
          phoneNumberId: sender.phoneNumberId,
          second: nowS - ago,
          campaignId: id,
          sent: 20,
        })),
      )
      .execute();

    const progress = campaignProgressSchema.parse(
      (await api('GET', `/campaigns/${id}/progress`, viewer)).json(),
    );
    expect(progress.counts.total).toBe(4);
    expect(progress.counts.byStatus).toMatchObject({ queued: 2, failed: 1, deferred: 1 });
    expect(progress.currentRate).toBe(10);
    expect(progress.series).toEqual([5, 4, 3, 2, 1].map((ago) => [nowS - ago, 20]));
    expect(progress.estimatedFinishAt).toBeGreaterThan(now);
    expect(progress.estimatedFinishAt).toBeLessThan(now + 60_000);

    const failed = recipientPageSchema.parse(
      (await api('GET', `/campaigns/${id}/recipients?status=failed`, viewer)).json(),
    );
    expect(failed.total).toBe(1);
    expect(failed.recipients[0]).toMatchObject({
      phoneE164: '+16505550002',
      errorCode: 131026,
      errorTitle: 'Message undeliverable',
      errorExplanation: 'failures.explanation.undeliverable',
      errorAction: 'failures.action.skipNumber',
      failureKind: 'permanent',
    });
    const deferred = recipientPageSchema.parse(
      (await api('GET', `/campaigns/${id}/recipients?reason=messaging_limit`, viewer)).json(),
    );
    expect(deferred.recipients.map((r) => [r.status, r.reason, r.dueAt])).toEqual([
      ['deferred', 'messaging_limit', now + DAY],
    ]);
    const byName = recipientPageSchema.parse(
      (await api('GET', `/campaigns/${id}/recipients?q=zo%C3%AB`, viewer)).json(),
    );
    expect(byName.recipients.map((r) => [r.phoneE164, r.contactName])).toEqual([
      ['+16505550001', 'Zoë Example'],
    ]);
    const byNumber = recipientPageSchema.parse(
      (
        await api(
          'GET',
          `/campaigns/${id}/recipients?q=${encodeURIComponent('650 555 0004')}`,
          viewer,
        )
      ).json(),
    );
    expect(byNumber.recipients.map((r) => r.phoneE164)).toEqual(['+16505550004']);

    // Cursor paging walks every recipient once, in order.
    const seen: string[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page = recipientPageSchema.parse(
        (await api('GET', `/campaigns/${id}/recipients?pageSize=3&after=${after}`, viewer)).json(),
      );
      expect(page.total).toBe(4);
      seen.push(...page.recipients.map((r) => r.phoneE164));
      after = page.nextAfter;
    }
    expect(seen).toEqual(['+16505550001', '+16505550002', '+16505550003', '+16505550004']);
    const second = recipientPageSchema.parse(
      (await api('GET', `/campaigns/${id}/recipients?pageSize=3&page=2`, viewer)).json(),
    );
    expect(second.recipients.map((r) => r.phoneE164)).toEqual(['+16505550004']);
    expect((await api('GET', '/campaigns/nope/progress', viewer)).statusCode).toBe(404);
  });
});

describe(`campaign settings and sending numbers on ${testDialect}`, () => {
  it('lets agents list sending numbers, and admins switch approval on, audited', async () => {
    const numbers = sendingNumbersSchema.parse(
      (await api('GET', '/campaigns/sending-numbers', agent)).json(),
    );
    expect(numbers.numbers.map((n) => n.phoneNumberId)).toContain(sender.phoneNumberId);
    expect((await api('GET', '/campaigns/sending-numbers', viewer)).statusCode).toBe(403);
    expect(
      (await api('PUT', '/campaigns/settings', agent, { approvalRequired: true })).statusCode,
    ).toBe(403);
    const put = await api('PUT', '/campaigns/settings', admin, { approvalRequired: true });
    expect(put.json()).toEqual({ approvalRequired: true });
    expect((await api('GET', '/campaigns/settings', admin)).json()).toEqual({
      approvalRequired: true,
    });
    const id = await draft({ audience: { numbers: ['+14155550177'] } });
    const launched = await api('POST', `/campaigns/${id}/launch`, agent);
    expect(launched.json<{ campaign: { status: string } }>().campaign.status).toBe(
      'awaiting_approval',
    );
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'campaign.settings.update')
      .execute();
    expect(audit).toHaveLength(1);
    await api('PUT', '/campaigns/settings', admin, { approvalRequired: false });
  });
});
