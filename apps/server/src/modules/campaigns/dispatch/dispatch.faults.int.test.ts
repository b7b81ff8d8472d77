import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '@kiana/simulator';
import { testDialect } from '../../../../test/test-db';
import { waitFor } from '../../../../test/multi-process.kit';
import { SIM, templatesServiceOf, type WhatsAppTestbed } from '../../accounts/accounts.testkit';
import { readCounts } from '../campaigns.counts.repo';
import { newNumbers, statusesOf } from './dispatch.testkit';
import { launchHelloCampaign, startDispatchBed } from './dispatch.testbed';

// Issue 15, "fault tests": the simulator injects what Meta and the network do to a running
// campaign (5xx, resets before and after the message is accepted, duplicate, out-of-order
// and early status webhooks, 130429 throttling, 131056 pair limits, a paused template, an
// account restriction, a 131048 spam limit). Each time: nobody gets the message twice (the
// simulator is the oracle), the number's rate is never exceeded, the right pause or
// deferral happens, and every recipient is accounted for.

const fastStatuses = {
  sentLatencyMs: 5,
  deliveredLatencyMs: 10,
  readProbability: 0,
  batchWindowMs: 10,
};
const STANDARD_MPS = 80;

let bed: WhatsAppTestbed | undefined;
afterEach(async () => {
  if (bed === undefined) return;
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
  bed = undefined;
}, 30_000);

/** A testbed with `options`, and a running hello_world campaign to `phones` on its number. */
async function runCampaign(
  options: SimulatorOptions,
  phones: readonly string[],
  before?: (b: WhatsAppTestbed, accountId: string) => Promise<void>,
) {
  const started = await startDispatchBed({ ...options, statuses: fastStatuses });
  bed = started.bed;
  const b = started.bed;
  const db = b.t.ctx.db.kysely;
  await before?.(b, started.account.id);
  const campaignId = await launchHelloCampaign(b, started.account.id, phones);
  b.t.dispatch.module.start();
  return { b, db, campaignId, accountId: started.account.id };
}

/** Messages the simulator accepted per recipient (the oracle), for these numbers. */
function accepted(b: WhatsAppTestbed, phones: readonly string[]): number[] {
  const seen = b.sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient;
  return phones.map((p) => seen[p.slice(1)] ?? 0);
}

/** Graph requests the simulator answered with this error code. */
const answeredWith = (b: WhatsAppTestbed, code: number) =>
  b.sim.control.requests().filter((r) => r.errorCode === code).length;

async function campaignRow(b: WhatsAppTestbed, campaignId: string) {
  return b.t.ctx.db.kysely
    .selectFrom('campaigns')
    .select(['status', 'pauseReason'])
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
}

/** Never more than `max` sends of the campaign in any one second, by its own send log. */
async function expectRateKept(b: WhatsAppTestbed, campaignId: string, max: number) {
  const log = await b.t.ctx.db.kysely
    .selectFrom('campaignSendLog')
    .select(['second', 'sent'])
    .where('campaignId', '=', campaignId)
    .execute();
  expect(log.length).toBeGreaterThan(0);
  for (const l of log) expect(l.sent, `second ${l.second}`).toBeLessThanOrEqual(max);
}

/** Waits until no recipient of the campaign is between its request and its answer. */
async function settled(b: WhatsAppTestbed, campaignId: string) {
  await waitFor(
    'no recipient in flight',
    async () => {
      const s = await statusesOf(b.t.ctx.db.kysely, campaignId);
      return (s.sending ?? 0) === 0;
    },
    20_000,
  );
}

/**
 * Once 40 recipients are delivered, `act` (the fault); then the campaign must pause with
 * `reason`, and once nothing is in flight nobody has failed, some are still queued, and
 * nobody got the message twice.
 */
async function pausesMidRun(
  b: WhatsAppTestbed,
  campaignId: string,
  phones: readonly string[],
  act: () => void,
  reason: string,
) {
  const db = b.t.ctx.db.kysely;
  await waitFor(
    'the first sends delivered',
    async () => ((await statusesOf(db, campaignId)).delivered ?? 0) >= 40,
    30_000,
  );
  act();
  await waitFor(
    'the campaign paused',
    async () => (await campaignRow(b, campaignId)).status === 'paused',
    20_000,
  );
  expect((await campaignRow(b, campaignId)).pauseReason).toBe(reason);
  await settled(b, campaignId);
  const after = await statusesOf(db, campaignId);
  expect(after.failed).toBeUndefined();
  expect(after.queued ?? 0).toBeGreaterThan(0);
  expect(accepted(b, phones).every((n) => n <= 1)).toBe(true);
}

describe(`the dispatcher under injected faults on ${testDialect}`, () => {
  it('5xx, resets before and after acceptance, duplicate, disordered and early webhooks: nobody twice, each as the simulator saw it, within the rate', async () => {
    const phones = newNumbers(200);
    const { b, db, campaignId } = await runCampaign(
      {
        limits: { pairEnabled: false },
        faults: {
          serverError: 0.1,
          connectionReset: 0.05,
          connectionResetAfterAccept: 0.05,
          duplicateWebhook: 0.3,
          outOfOrderStatuses: 0.3,
          statusBeforeResponse: 0.2,
        },
      },
      phones,
    );
    // A reset leaves the request's fate unknown to us: such a recipient is `unknown`, never
    // sent again blindly. If Meta had accepted it, its status webhooks (carrying the attempt
    // id) resolve it; if not, it stays `unknown` for the operator.
    const final = async () => {
      const rows = await db
        .selectFrom('campaignRecipients')
        .select(['phoneE164', 'status'])
        .where('campaignId', '=', campaignId)
        .execute();
      const seen = b.sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient;
      return rows.every(
        (r) =>
          r.status === 'delivered' ||
          (r.status === 'unknown' && (seen[r.phoneE164.slice(1)] ?? 0) === 0),
      )
        ? rows
        : undefined;
    };
    const rows = await waitFor('every recipient final', final, 60_000);
    // The faults happened.
    expect(b.sim.control.requests().filter((r) => r.status >= 500).length).toBeGreaterThan(0);
    // Nobody twice; delivered exactly when the simulator accepted it.
    const counts = accepted(b, phones);
    expect(counts.every((n) => n <= 1)).toBe(true);
    const delivered = rows.filter((r) => r.status === 'delivered').length;
    expect(delivered).toBe(counts.filter((n) => n === 1).length);
    // Resets before acceptance are a small share: most recipients got through.
    expect(delivered).toBeGreaterThan(phones.length * 0.8);
    const stored = await statusesOf(db, campaignId);
    expect((await readCounts(db, campaignId)).delivered).toBe(stored.delivered);
    // The simulator never had to throttle the number, and the send log agrees.
    expect(answeredWith(b, 130429)).toBe(0);
    await expectRateKept(b, campaignId, STANDARD_MPS);
  }, 90_000);

  it('130429 from a number slower than its tier: the dispatcher slows down, nobody fails or gets it twice', async () => {
    const phones = newNumbers(100);
    const { b, db, campaignId } = await runCampaign(
      { limits: { pairEnabled: false, throughputMps: 20 } },
      phones,
    );
    await waitFor(
      'every recipient delivered',
      async () => (await statusesOf(db, campaignId)).delivered === phones.length,
      60_000,
    );
    const throttled = answeredWith(b, 130429);
    expect(throttled).toBeGreaterThan(0);
    // Slowing down means far fewer refusals than sends: hammering at 80/s against 20/s
    // would be refused about three times in four.
    expect(throttled).toBeLessThan(phones.length);
    expect(accepted(b, phones)).toEqual(phones.map(() => 1));
    expect(await statusesOf(db, campaignId)).toEqual({ delivered: phones.length });
  }, 90_000);

  it('131056 when a second campaign reaches the same people at once: retried on the pair schedule, each person gets each campaign once', async () => {
    const phones = newNumbers(15);
    const { b, db, campaignId, accountId } = await runCampaign(
      { limits: { pairEnabled: true, pairBurst: 1, pairRefillMs: 2_000 } },
      phones,
    );
    const second = await launchHelloCampaign(b, accountId, phones);
    await waitFor(
      'both campaigns delivered',
      async () =>
        (await statusesOf(db, campaignId)).delivered === phones.length &&
        (await statusesOf(db, second)).delivered === phones.length,
      60_000,
    );
    expect(answeredWith(b, 131056)).toBeGreaterThan(0);
    expect(accepted(b, phones)).toEqual(phones.map(() => 2));
    expect(await statusesOf(db, second)).toEqual({ delivered: phones.length });
  }, 90_000);

  it('a template paused mid-run pauses the campaign (nobody failed); resumed once approved again, the rest go out once', async () => {
    const phones = newNumbers(300);
    const { b, db, campaignId } = await runCampaign({ limits: { pairEnabled: false } }, phones);
    await pausesMidRun(
      b,
      campaignId,
      phones,
      () => b.sim.control.pauseTemplate({ name: 'hello_world' }),
      'template_paused',
    );

    b.sim.control.unpauseTemplate({ name: 'hello_world' });
    await waitFor(
      'the template approved again in the panel',
      async () =>
        (await templatesServiceOf(b.t).list({})).find((t) => t.name === 'hello_world')?.status ===
        'APPROVED',
      20_000,
    );
    const resumed = await b.call({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/resume` });
    expect(resumed.statusCode, resumed.body).toBe(200);
    await waitFor(
      'every recipient delivered',
      async () => (await statusesOf(db, campaignId)).delivered === phones.length,
      60_000,
    );
    expect(accepted(b, phones)).toEqual(phones.map(() => 1));
    await expectRateKept(b, campaignId, STANDARD_MPS);
  }, 120_000);

  it('an account restriction mid-run pauses every campaign of the number; nobody failed or got it twice', async () => {
    const phones = newNumbers(300);
    const { b, campaignId } = await runCampaign({ limits: { pairEnabled: false } }, phones);
    await pausesMidRun(
      b,
      campaignId,
      phones,
      () => b.sim.control.accountUpdate({ event: 'ACCOUNT_RESTRICTION' }),
      'account_restricted',
    );
  }, 90_000);

  it('131048 while our own count says the limit is not reached: a spam limit, the number paused, nobody received it twice', async () => {
    const phones = newNumbers(300);
    const { b, db, campaignId } = await runCampaign(
      {
        waba: { messagingLimitTier: 'TIER_250' },
        limits: { pairEnabled: false, autoScaling: false },
      },
      phones,
      async (bed, accountId) => {
        // The panel believes in a higher tier than Meta applies, so the refusals past 250 are
        // not its messaging limit.
        await bed.t.ctx.db.kysely
          .updateTable('waAccounts')
          .set({ messagingLimitTier: 'TIER_10K' })
          .where('id', '=', accountId)
          .execute();
      },
    );
    await waitFor(
      'the campaign paused',
      async () => (await campaignRow(b, campaignId)).status === 'paused',
      30_000,
    );
    expect((await campaignRow(b, campaignId)).pauseReason).toBe('spam_limit_131048');
    await settled(b, campaignId);
    const after = await statusesOf(db, campaignId);
    expect(after.delivered ?? 0).toBeLessThanOrEqual(250);
    // Nobody received it twice. (A recipient whose send failed with 131048 goes back to the
    // queue for after the resume; until the dispatcher reads the pause, at most a second
    // later, it may try such a recipient again, and Meta fails that try too.)
    const received = b.sim.control
      .messages({ phoneNumberId: SIM.phoneId })
      .filter((m) => m.status !== 'failed');
    const perRecipient = new Map<string, number>();
    for (const m of received) perRecipient.set(m.wa_id, (perRecipient.get(m.wa_id) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    // Everyone is somewhere: delivered, back in the queue, or failed with the reason shown.
    const total = Object.values(after).reduce((s, n) => s + n, 0);
    expect(total).toBe(phones.length);
  }, 90_000);
});
