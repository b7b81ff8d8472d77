import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { failedCode, idOf, send, templateBody } from '../testing/sends';
import { changesOf, statusesOf } from '../testing/webhook-receiver';

// The portfolio messaging limit as Meta applies it since October 2025 (Meta "Messaging
// limits"): unique users delivered to outside a service window per rolling 24 h, shared by
// every number of the portfolio, counted on delivery; automatic scaling to the next tier.

const SECOND_PHONE = '106540352242923';
const HOUR = 3600 * 1000;
let h: Harness;
afterEach(() => h.close());

const quiet = {
  limits: { throughputEnabled: false },
  // No read receipts: fewer webhooks for the thousands of sends below.
  statuses: { readProbability: 0, maxBatchSize: 1000 },
};

describe('portfolio messaging limit', () => {
  it('delivers to exactly 2,000 of 2,500 new users sent over two numbers; the rest fail 131048', async () => {
    h = await startHarness({ ...quiet, limits: { ...quiet.limits, autoScaling: false } });
    expect(h.sim.control.portfolioUsage().tier).toBe('TIER_2K');
    // 2,500 sends, 50 in flight at a time, alternating between the portfolio's two numbers.
    for (let start = 0; start < 2500; start += 50) {
      const batch = Array.from({ length: 50 }, (_, k) => start + k);
      await Promise.all(
        batch.map(async (i) => {
          const phoneId = i % 2 === 0 ? PHONE_ID : SECOND_PHONE;
          idOf(await send(h, templateBody(`4477009${String(20001 + i)}`), { phoneId }));
        }),
      );
    }
    await h.sim.control.flush(60_000);
    const statuses = statusesOf(h.receiver.received);
    const delivered = new Set(statuses.filter((s) => s.status === 'delivered').map((s) => s.id));
    const failed = statuses.filter((s) => s.status === 'failed');
    expect(delivered.size).toBe(2000);
    expect(failed).toHaveLength(500);
    expect(new Set(failed.map((s) => (s.errors as { code: number }[])[0]?.code))).toEqual(
      new Set([131048]),
    );
    // A failed message carries no pricing; the oracle agrees with the webhooks.
    expect(failed.every((s) => s.pricing === undefined)).toBe(true);
    expect(h.sim.control.messages({ status: 'failed' })).toHaveLength(500);
    expect(h.sim.control.portfolioUsage().used).toBe(2000);
  }, 120_000);

  it('counts a recipient once per day, not replies inside a window, and not failed sends', async () => {
    h = await startHarness({
      ...quiet,
      waba: { messagingLimitTier: 'TIER_250' },
      limits: { ...quiet.limits, autoScaling: false },
    });
    await send(h, templateBody('16505551234'));
    await send(h, templateBody('16505551234'), { phoneId: SECOND_PHONE });
    h.sim.control.inbound('447700900123', { type: 'text', text: { body: 'hi' } });
    await send(h, templateBody('447700900123'));
    // Not on WhatsApp (131026): fails, so it never counts.
    const invalid = idOf(await send(h, templateBody('16505550000')));
    expect(await failedCode(h, invalid)).toBe(131026);
    expect(h.sim.control.portfolioUsage().used).toBe(1);
  });

  it('refuses synchronously on request (tierFailureMode: sync)', async () => {
    h = await startHarness({
      ...quiet,
      waba: { messagingLimitTier: 'TIER_250' },
      limits: { ...quiet.limits, autoScaling: false, tierFailureMode: 'sync' },
    });
    for (let i = 0; i < 250; i += 1) idOf(await send(h, templateBody(`1650558${1000 + i}`)));
    await h.sim.control.flush();
    expect((await send(h, templateBody('16505591999'))).body.error?.code).toBe(131048);
    expect((await send(h, templateBody('16505581000'))).status).toBe(200);
  });

  it('scales to the next tier 6 h after half the limit was used, with Meta’s two webhooks', async () => {
    h = await startHarness({ ...quiet, waba: { messagingLimitTier: 'TIER_250' } });
    for (let i = 0; i < 125; i += 1) idOf(await send(h, templateBody(`1650558${1000 + i}`)));
    await h.sim.control.flush();
    expect(h.sim.control.portfolioUsage()).toMatchObject({
      tier: 'TIER_250',
      pendingUpgradeAt: expect.any(Number),
    });
    h.advanceClock(6 * HOUR - 60_000);
    expect(h.sim.control.portfolioUsage().tier).toBe('TIER_250');
    h.advanceClock(60_000);
    expect(h.sim.control.portfolioUsage().tier).toBe('TIER_2K');
    await h.receiver.waitFor((r) => changesOf(r, 'business_capability_update').length === 1);
    expect(changesOf(h.receiver.received, 'phone_number_quality_update')[0]).toMatchObject({
      event: 'UPGRADE',
      old_limit: 'TIER_250',
      max_daily_conversations_per_business: 'TIER_2K',
    });
    expect(changesOf(h.receiver.received, 'business_capability_update')[0]).toMatchObject({
      max_daily_conversations_per_business: 'TIER_2K',
    });
  });

  it('does not scale while a number is rated RED', async () => {
    h = await startHarness({ ...quiet, waba: { messagingLimitTier: 'TIER_250' } });
    h.sim.control.upsertNumber({ id: SECOND_PHONE, qualityRating: 'RED' });
    for (let i = 0; i < 125; i += 1) idOf(await send(h, templateBody(`1650558${1000 + i}`)));
    await h.sim.control.flush();
    h.advanceClock(7 * HOUR);
    expect(h.sim.control.portfolioUsage().tier).toBe('TIER_250');
    // A quality change alone raises no webhook since October 2025 (no FLAGGED state).
    expect(changesOf(h.receiver.received, 'phone_number_quality_update')).toHaveLength(0);
  });
});
