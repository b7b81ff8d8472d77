import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto } from '@kiana/contracts';
import { testDialect } from '../../../../test/test-db';
import { waitFor } from '../../../../test/multi-process.kit';
import { SIM, type WhatsAppTestbed } from '../../accounts/accounts.testkit';
import { readCounts } from '../campaigns.counts.repo';
import { defaultDispatcherOptions } from './dispatch.number';
import { logSends } from './dispatch.repo';
import { maxInWindow, newNumbers } from './dispatch.testkit';
import { launchHelloCampaign, startDispatchBed } from './dispatch.testbed';

// Two pacing rules of the dispatcher, each of which the PostgreSQL cluster test found missing
// (a second above the cap at Meta), checked here on their own against the simulator:
// - a new holder of a number's dispatcher counts the sends logged in the last seconds (by a
//   holder that died or lapsed) against its first window;
// - a round takes at most twice its share of a second, so a second's tokens freed at once
//   leave as a stream, not as one burst.

let bed: WhatsAppTestbed;
let account: AccountDto;

beforeAll(async () => {
  ({ bed, account } = await startDispatchBed({
    limits: { throughputEnabled: true, pairEnabled: false },
    statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 10 },
  }));
});
afterAll(async () => {
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
});

describe(`dispatcher pacing on ${testDialect}`, () => {
  it('holds its first window for the sends a previous holder just logged, then streams in rounds', async () => {
    const db = bed.t.ctx.db.kysely;
    const phones = newNumbers(160, 7_400_001);
    const campaignId = await launchHelloCampaign(bed, account.id, phones);
    // A holder that died a moment ago had spent this second (and more) on the number.
    const startedAt = Date.now();
    await logSends(db, [
      {
        phoneNumberId: SIM.phoneId,
        second: Math.floor(startedAt / 1000),
        campaignId,
        sent: 500,
      },
    ]);
    bed.t.dispatch.module.start();
    await waitFor(
      'every recipient delivered',
      async () => (await readCounts(db, campaignId)).delivered === phones.length,
      30_000,
    );
    const arrivals = bed.sim.control
      .messages({ phoneNumberId: SIM.phoneId, since: startedAt })
      .map((m) => m.received_at)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(phones.length);
    // The inherited sends fill the first window: nothing leaves before it has passed (a
    // holder that ignored them would send at once).
    expect((arrivals[0] ?? 0) - startedAt).toBeGreaterThanOrEqual(900);
    // The bucket holds 79 sends (80 × 0.99 headroom) in any second, each counted from its
    // answer, by which time the simulator has counted its arrival: however much the
    // arrivals jitter (CI runs test files side by side), no second there holds more.
    const perSecond = Math.floor(80 * defaultDispatcherOptions.headroom);
    expect(perSecond).toBe(79);
    expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(perSecond);
    // The number's 79 tokens come back together at the window's end; rounds of at most 4
    // (2 × 79 × 25 ms) spread them: never near the whole second in a tenth of one.
    expect(maxInWindow(arrivals, 100)).toBeLessThanOrEqual(40);
  }, 60_000);
});
