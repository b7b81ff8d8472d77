import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingPayloadSchemas, type AccountDto } from '@kiana/contracts';
import { testDialect } from '../../../../test/test-db';
import type { WhatsAppTestbed } from '../../accounts/accounts.testkit';
import { startReceiver } from '../../integrations/integrations.receiver.testkit';
import { newNumbers } from './dispatch.testkit';
import { launchHelloCampaign, startDispatchBed } from './dispatch.testbed';

// A campaign the dispatcher completes writes one `campaign.finished` event to the outgoing
// webhooks' outbox in the completing transaction: its payload is the documented schema with
// the final figures, and the endpoint receives it signed.

let bed: WhatsAppTestbed;
let account: AccountDto;
let secret = '';
const receiver = await startReceiver({ secret: () => secret, now: () => Date.now() });

beforeAll(async () => {
  ({ bed, account } = await startDispatchBed({
    limits: { throughputEnabled: true, pairEnabled: false },
    statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 10 },
  }));
  const allowed = await bed.call({
    method: 'PUT',
    url: '/api/v1/integrations/settings',
    payload: { allowedPrivateAddresses: ['127.0.0.1/32'], disableAfterHours: 24 },
  });
  expect(allowed.statusCode).toBe(200);
  const created = await bed.call({
    method: 'POST',
    url: '/api/v1/integrations/webhooks',
    payload: { url: receiver.url, events: ['campaign.finished'] },
  });
  expect(created.statusCode).toBe(201);
  secret = created.json<{ secret: string }>().secret;
}, 60_000);
afterAll(async () => {
  await bed.t.dispatch.supervisor.stop();
  await bed.close();
  await receiver.close();
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`campaign.finished on ${testDialect}`, () => {
  it('writes one event when the dispatcher completes a campaign, and delivers it signed', async () => {
    const db = bed.t.ctx.db.kysely;
    const phones = newNumbers(6, 7_300_001);
    const campaignId = await launchHelloCampaign(bed, account.id, phones);
    const events = () =>
      db
        .selectFrom('outgoingEvents')
        .select(['id', 'data'])
        .where('type', '=', 'campaign.finished')
        .execute();
    // Nothing is announced while the campaign runs.
    expect(await events()).toEqual([]);
    bed.t.dispatch.module.start();
    const campaign = () =>
      db
        .selectFrom('campaigns')
        .select(['status', 'finishedAt', 'name'])
        .where('id', '=', campaignId)
        .executeTakeFirstOrThrow();
    await until(async () => (await campaign()).status === 'completed', 30_000);
    const done = await campaign();
    const rows = await events();
    expect(rows).toHaveLength(1);
    const data = outgoingPayloadSchemas['campaign.finished'].parse(JSON.parse(rows[0]?.data ?? ''));
    // Completion comes when the last send is accepted: every recipient left, none failed.
    expect(data).toEqual({
      campaignId,
      name: done.name,
      sent: phones.length,
      delivered: expect.any(Number) as number,
      read: 0,
      failed: 0,
      finishedAt: done.finishedAt,
    });
    expect(data.delivered).toBeLessThanOrEqual(phones.length);
    // One delivery to the subscribed endpoint, signed, with the same event id.
    const deliveries = await db
      .selectFrom('outgoingDeliveries')
      .select('id')
      .where('eventId', '=', rows[0]?.id ?? '')
      .execute();
    expect(deliveries).toHaveLength(1);
    await until(async () => {
      await bed.t.worker.drainOnce();
      return receiver.got.length > 0;
    }, 10_000);
    expect(receiver.got).toEqual([
      expect.objectContaining({ id: rows[0]?.id, type: 'campaign.finished', verified: true }),
    ]);
    // Later statuses (delivered) do not complete it again.
    await new Promise((r) => setTimeout(r, 300));
    expect(await events()).toHaveLength(1);
  });
});
