import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberHealthListSchema } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { seedSender } from './campaigns.testkit';

// The dashboard's numbers panel: quality, pacing, the portfolio's messaging limit with what
// the rolling 24 h left of it, and the health changes of the period, worked out by hand.

const DAY = 86_400_000;
let kiana: TestApp;
let viewer: SignedIn;
let sender: Awaited<ReturnType<typeof seedSender>>;

beforeAll(async () => {
  kiana = await buildTestApp();
  viewer = await userWithRole(kiana, 'viewer');
  sender = await seedSender(kiana.ctx.db.kysely, {
    suffix: 'nh',
    messagingLimitTier: 'TIER_250',
    throughputLevel: 'HIGH',
  });
});
afterAll(async () => {
  await kiana.close();
});

describe(`number health on ${testDialect}`, () => {
  it('shows the limit left in the rolling 24 h and the changes since the period began', async () => {
    const ex = kiana.ctx.db.kysely;
    const now = kiana.ctx.clock.now();
    // 40 recipients within the last 24 h count against the limit; one from 2 days ago does not.
    await ex
      .insertInto('portfolioRecipients')
      .values([
        ...Array.from({ length: 40 }, (_, i) => ({
          portfolioId: sender.accountId,
          phoneE164: `+1202556${String(i).padStart(4, '0')}`,
          lastBusinessInitiatedAt: now - 3_600_000,
        })),
        {
          portfolioId: sender.accountId,
          phoneE164: '+12025569999',
          lastBusinessInitiatedAt: now - 2 * DAY,
        },
      ])
      .execute();
    const event = (kind: string, from: string, to: string, at: number, phone: string | null) => ({
      id: randomUUID(),
      accountId: sender.accountId,
      phoneNumberId: phone,
      kind,
      previousValue: from,
      newValue: to,
      severity: 'warning',
      source: 'webhook',
      message: `${kind} ${from} → ${to}`,
      at,
      acknowledgedAt: null,
    });
    await ex
      .insertInto('waHealthEvents')
      .values([
        event('quality', 'GREEN', 'YELLOW', now - 2 * DAY, sender.phoneNumberId),
        event('messaging_limit', 'TIER_1K', 'TIER_250', now - 3 * DAY, null),
        // Before the period: not shown.
        event('quality', 'YELLOW', 'GREEN', now - 10 * DAY, sender.phoneNumberId),
        // Another number of another account: not this one's history.
        event('quality', 'GREEN', 'RED', now - DAY, 'some-other-number'),
      ])
      .execute();

    const res = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/number-health?since=${now - 7 * DAY}`,
      headers: viewer.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const mine = numberHealthListSchema
      .parse(res.json())
      .numbers.find((n) => n.phoneNumberId === sender.phoneNumberId);
    expect(mine).toMatchObject({
      accountId: sender.accountId,
      throughputLevel: 'HIGH',
      messagesPerSecond: 1000,
      messagingLimit: { tier: 'TIER_250', limit: 250, usedLast24h: 40, remaining: 210 },
    });
    expect(mine?.history.map((h) => [h.kind, h.previousValue, h.newValue])).toEqual([
      ['quality', 'GREEN', 'YELLOW'],
      ['messaging_limit', 'TIER_1K', 'TIER_250'],
    ]);
  });

  it("keeps a quiet number's history when another number changes thousands of times", async () => {
    const ex = kiana.ctx.db.kysely;
    const now = kiana.ctx.clock.now();
    const busy = await seedSender(ex, { suffix: 'nh-busy' });
    const quiet = await seedSender(ex, { suffix: 'nh-quiet' });
    const change = (accountId: string, phoneNumberId: string, at: number) => ({
      id: randomUUID(),
      accountId,
      phoneNumberId,
      kind: 'quality',
      previousValue: 'GREEN',
      newValue: 'YELLOW',
      severity: 'warning',
      source: 'webhook',
      message: 'quality GREEN → YELLOW',
      at,
      acknowledgedAt: null,
    });
    await ex
      .insertInto('waHealthEvents')
      .values(change(quiet.accountId, quiet.phoneNumberId, now - 2 * DAY))
      .execute();
    // 2,500 newer changes of the busy number, written in chunks.
    for (let chunk = 0; chunk < 5; chunk++)
      await ex
        .insertInto('waHealthEvents')
        .values(
          Array.from({ length: 500 }, (_, i) =>
            change(busy.accountId, busy.phoneNumberId, now - 1_000 * (chunk * 500 + i + 1)),
          ),
        )
        .execute();

    const res = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/number-health?since=${now - 7 * DAY}`,
      headers: viewer.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const numbers = numberHealthListSchema.parse(res.json()).numbers;
    const of = (id: string) => numbers.find((n) => n.phoneNumberId === id)?.history ?? [];
    expect(of(quiet.phoneNumberId)).toHaveLength(1);
    // The busy number shows its newest 20 changes, newest first.
    const busyHistory = of(busy.phoneNumberId);
    expect(busyHistory).toHaveLength(20);
    expect(busyHistory[0]?.at).toBe(now - 1_000);
  });

  it('refuses a malformed period and an anonymous caller', async () => {
    const bad = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/campaigns/number-health?since=yesterday',
      headers: viewer.headers,
    });
    expect(bad.statusCode).toBe(400);
    const anon = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/campaigns/number-health?since=0',
    });
    expect(anon.statusCode).toBe(401);
  });
});
