import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto } from '@kiana/contracts';
import { testDialect } from '../../../../test/test-db';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../../accounts/accounts.testkit';
import { readCounts } from '../campaigns.counts.repo';
import { throughputCapsSetting } from './dispatch.module';
import { newNumbers } from './dispatch.testkit';
import { launchHelloCampaign } from './dispatch.testbed';

// Issue 15, "the limit test": a portfolio at 2,000 unique recipients per rolling 24 h and a
// campaign to 2,500 new users. The panel and the simulator share one clock, so advancing
// the simulator's clock moves the panel's rolling window too. 2,000 are delivered, 500 wait
// (deferred for the messaging limit, never failed), and go out once the day has passed,
// without restarting anything; nobody gets the message twice.

const DAY = 24 * 60 * 60_000;
let bed: WhatsAppTestbed;
let account: AccountDto;

beforeAll(async () => {
  bed = await startTestbed(
    {
      waba: { messagingLimitTier: 'TIER_2K' },
      limits: { pairEnabled: false, autoScaling: false, throughputMps: 1000 },
      statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 20 },
    },
    {},
    { clock: (sim) => ({ now: () => sim.control.clockNow() }) },
  );
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  account = await bed.connect();
  await templatesServiceOf(bed.t).sync(account.id);
  // The number upgraded (1,000 mps) with a configured cap of 250 mps: short, and within what
  // one process running the panel, the simulator and the test can answer.
  await bed.t.ctx.db.kysely
    .updateTable('waPhoneNumbers')
    .set({ throughputLevel: 'HIGH' })
    .where('phoneNumberId', '=', SIM.phoneId)
    .execute();
  // The portfolio's tier as the panel's health sync would store it.
  await bed.t.ctx.db.kysely
    .updateTable('waAccounts')
    .set({ messagingLimitTier: 'TIER_2K' })
    .where('id', '=', account.id)
    .execute();
  await bed.t.ctx.settings.set(bed.t.ctx.db.kysely, throughputCapsSetting, { [SIM.phoneId]: 100 });
}, 60_000);
afterAll(async () => {
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
}, 30_000);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      const c = await bed.t.ctx.db.kysely.selectFrom('campaignCounts').selectAll().execute();
      throw new Error(`timed out: ${JSON.stringify(c)} sim ${bed.sim.control.counts().total}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`the portfolio messaging limit on ${testDialect}`, () => {
  it('delivers 2,000 of 2,500 new users, defers 500, and sends them once the window frees', async () => {
    const db = bed.t.ctx.db.kysely;
    const phones = newNumbers(2500, 7_100_001);
    const campaignId = await launchHelloCampaign(bed, account.id, phones);
    bed.t.dispatch.module.start();
    await until(async () => {
      const c = await readCounts(db, campaignId);
      return c.delivered === 2000 && c.deferred === 500;
    }, 90_000);
    const deferred = await db
      .selectFrom('campaignRecipients')
      .select(['reason', 'dueAt'])
      .where('campaignId', '=', campaignId)
      .where('status', '=', 'deferred')
      .execute();
    expect(new Set(deferred.map((d) => d.reason))).toEqual(new Set(['messaging_limit']));
    expect(bed.sim.control.counts({ phoneNumberId: SIM.phoneId }).total).toBe(2000);
    const campaign = await db
      .selectFrom('campaigns')
      .select('status')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(campaign.status).toBe('running');

    // A day later the window has rolled: the 500 go out, with no restart.
    bed.sim.control.advanceClock(DAY + 60_000);
    await until(async () => (await readCounts(db, campaignId)).delivered === 2500, 60_000);
    const seen = bed.sim.control.counts({ phoneNumberId: SIM.phoneId });
    expect(seen.total).toBe(2500);
    for (const p of phones) expect(seen.byRecipient[p.slice(1)], p).toBe(1);
    await until(async () => {
      const c = await db
        .selectFrom('campaigns')
        .select('status')
        .where('id', '=', campaignId)
        .executeTakeFirstOrThrow();
      return c.status === 'completed';
    }, 10_000);
  }, 200_000);
});
