import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto } from '@kiana/contracts';
import { testDialect } from '../../../../test/test-db';
import { waitFor } from '../../../../test/multi-process.kit';
import { SIM, type WhatsAppTestbed } from '../../accounts/accounts.testkit';
import { readCounts } from '../campaigns.counts.repo';
import { newNumbers, statusesOf } from './dispatch.testkit';
import { launchHelloCampaign, startDispatchBed } from './dispatch.testbed';

// The thin end-to-end slice of issue 15: a running campaign goes out through the dispatcher
// and the Sender to the simulator, whose status webhooks come back through intake and move
// every recipient to delivered; the campaign completes and the messages are in each
// contact's conversation, tagged with the campaign and the attempt.

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

describe(`campaign dispatch end to end on ${testDialect}`, () => {
  it('sends every recipient once, paced, and moves each to delivered from its webhooks', async () => {
    const db = bed.t.ctx.db.kysely;
    const phones = newNumbers(200);
    const phoneNumberId = SIM.phoneId;
    const campaignId = await launchHelloCampaign(bed, account.id, phones);
    const started = Date.now();
    bed.t.dispatch.module.start();
    await waitFor(
      'every recipient delivered',
      async () => (await readCounts(db, campaignId)).delivered === phones.length,
      30_000,
    );
    const elapsed = Date.now() - started;
    // 80 mps standard throughput: 200 recipients take at least two seconds.
    expect(elapsed).toBeGreaterThan(1_500);
    // Exactly once per recipient, as the simulator saw it.
    const seen = bed.sim.control.counts({ phoneNumberId });
    for (const p of phones) expect(seen.byRecipient[p.slice(1)], p).toBe(1);
    // Counts match the rows; the campaign completed.
    expect(await statusesOf(db, campaignId)).toEqual({ delivered: phones.length });
    const counts = await readCounts(db, campaignId);
    expect(counts.delivered).toBe(phones.length);
    await waitFor(
      'the campaign completed',
      async () => {
        const c = await db
          .selectFrom('campaigns')
          .select('status')
          .where('id', '=', campaignId)
          .executeTakeFirstOrThrow();
        return c.status === 'completed';
      },
      5_000,
    );
    // Each message is in its contact's conversation, tagged with the campaign and attempt
    // (the answers may be written after the webhooks moved the recipients: wait for them).
    await waitFor(
      'every answer written',
      async () => {
        const left = await db
          .selectFrom('campaignRecipients')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaignId', '=', campaignId)
          .where('messageId', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(left.n) === 0;
      },
      10_000,
    );
    const rows = await db
      .selectFrom('campaignRecipients as r')
      .innerJoin('messages as m', 'm.id', 'r.messageId')
      .select([
        'r.attemptId',
        'm.campaignId',
        'm.attemptId as messageAttempt',
        'm.bizOpaqueCallbackData',
        'm.status',
        'm.wamid',
        'r.wamid as recipientWamid',
      ])
      .where('r.campaignId', '=', campaignId)
      .execute();
    expect(rows).toHaveLength(phones.length);
    for (const r of rows) {
      expect(r.campaignId).toBe(campaignId);
      expect(r.messageAttempt).toBe(r.attemptId);
      expect(r.bizOpaqueCallbackData).toBe(`c:${r.attemptId ?? ''}`);
      expect(r.wamid).toBe(r.recipientWamid);
    }
    // Never more than the number's rate in any one second (80 with the dispatcher's headroom).
    const log = await db
      .selectFrom('campaignSendLog')
      .select(['second', 'sent'])
      .where('campaignId', '=', campaignId)
      .execute();
    for (const l of log) expect(l.sent).toBeLessThanOrEqual(80);
    expect(log.reduce((s, l) => s + l.sent, 0)).toBe(phones.length);
  }, 60_000);
});
