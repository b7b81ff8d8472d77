import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messagesValueSchema, templateStatusUpdateValueSchema } from '@kiana/contracts';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { requestExamples } from '../testing/spec';
import { changesOf, statusesOf } from '../testing/webhook-receiver';

// Contract: every `messages` webhook example of the spec can be produced by the simulator
// (group events are out of scope), signed over the exact bytes received.

interface ExampleValue {
  contacts?: unknown[];
  messages: ({ from: string; id: string; timestamp: string; type: string } & Record<
    string,
    unknown
  >)[];
}
const examples = requestExamples('/whatsapp/webhooks', 'post')
  .map(([name, value]) => {
    const change = (value as { entry: { changes: { field: string; value: ExampleValue }[] }[] })
      .entry[0]?.changes[0];
    return [name, change] as const;
  })
  .filter(([, change]) => change?.field === 'messages');

const fixture = (name: string): { entry: { changes: { value: Record<string, unknown> }[] }[] } =>
  JSON.parse(readFileSync(new URL(`../../spec/examples/${name}`, import.meta.url), 'utf8'));

describe('webhook examples', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => {
    h.receiver.received.length = 0;
  });
  afterAll(() => h.close());

  it('covers every inbound example of the spec', () => {
    expect(examples.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'Text Message',
        'Image Message',
        'Order Message',
        'System Message',
        'Unsupported Message',
      ]),
    );
    expect(examples.length).toBe(13);
  });

  it.each(examples)('%s can be produced', async (_name, change) => {
    const example = change?.value.messages[0];
    if (example === undefined) throw new Error('example without message');
    const { from, id: _id, timestamp: _ts, ...draft } = example;
    h.sim.control.inbound(from, draft, PHONE_ID);
    await h.receiver.waitFor((r) => r.length === 1);
    const got = h.receiver.received[0];
    expect(got?.isSignatureValid).toBe(true);
    const value = messagesValueSchema.parse(got?.body.entry[0]?.changes[0]?.value);
    expect(value.metadata.phone_number_id).toBe(PHONE_ID);
    // Since 2026 contacts and messages also carry the business-scoped user id (BSUID).
    const bsuid = expect.stringMatching(/^[A-Z]{2}\.\d+$/);
    expect(value.contacts).toEqual(
      change?.value.contacts?.map((c) => ({ ...(c as object), user_id: bsuid })),
    );
    expect(value.messages?.[0]).toEqual({
      ...example,
      from_user_id: bsuid,
      id: expect.stringMatching(/^wamid\./),
      timestamp: expect.stringMatching(/^\d+$/),
    });
  });

  it('produces status batches shaped like the fixture (pricing, biz_opaque_callback_data)', async () => {
    const waId = '15550003333';
    h.sim.control.upsertCustomer({ waId, name: 'Test' });
    const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: waId,
      type: 'template',
      biz_opaque_callback_data: 'campaign=cmp_42;recipient=rcp_9001',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(res.status).toBe(200);
    await h.receiver.waitFor((r) => statusesOf(r).length === 3);
    const want = fixture('webhook_statuses_batch.json').entry[0]?.changes[0]?.value
      .statuses as Record<string, unknown>[];
    const got = statusesOf(h.receiver.received);
    expect(got.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(Object.keys(got[0] ?? {}).sort()).toEqual(
      [...Object.keys(want[0] ?? {}), 'conversation', 'recipient_user_id'].sort(),
    );
    expect(got[0]?.biz_opaque_callback_data).toBe('campaign=cmp_42;recipient=rcp_9001');
    expect(got[0]?.pricing).toEqual({ billable: true, pricing_model: 'PMP', category: 'utility' });
    expect(got[2]?.pricing).toBeUndefined();
  });

  it('puts pricing.type and no conversation on v24+ statuses', async () => {
    // A customer with no chat yet (the examples above opened a free entry point for 16505551234).
    await h.graph('POST', `/v24.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: '447700900123',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    await h.receiver.waitFor((r) => statusesOf(r).some((s) => s.status === 'sent'));
    const sent = statusesOf(h.receiver.received).find((s) => s.status === 'sent');
    expect(sent?.conversation).toBeUndefined();
    expect(sent?.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'utility',
    });
  });

  it('produces message_template_status_update like the fixture', async () => {
    h.sim.control.setTemplateStatus({ name: 'summer_sale_2026' }, 'REJECTED', 'INVALID_FORMAT');
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 1);
    const got = templateStatusUpdateValueSchema.parse(
      changesOf(h.receiver.received, 'message_template_status_update')[0],
    );
    const want = fixture('webhook_template_status_update.json').entry[0]?.changes[0]?.value ?? {};
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    expect(got).toMatchObject({
      event: 'REJECTED',
      message_template_name: 'summer_sale_2026',
      reason: 'INVALID_FORMAT',
    });
    expect(typeof got.message_template_id).toBe('number');
    const envelope = h.receiver.received.find(
      (w) => w.body.entry[0]?.changes[0]?.field === 'message_template_status_update',
    );
    expect(envelope?.body.entry[0]?.time).toEqual(expect.any(Number));
  });

  it('produces user_preferences stop events', async () => {
    h.sim.control.setMarketingPreference('16505551234', 'stop');
    await h.receiver.waitFor((r) => changesOf(r, 'user_preferences').length === 1);
    const value = messagesValueSchema.parse(changesOf(h.receiver.received, 'user_preferences')[0]);
    expect(value.user_preferences?.[0]).toMatchObject({
      wa_id: '16505551234',
      value: 'stop',
      category: 'marketing_messages',
    });
  });
});
