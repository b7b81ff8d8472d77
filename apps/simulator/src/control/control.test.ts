import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { changesOf } from '../testing/webhook-receiver';

// The /_sim/ control and oracle API over HTTP, customer behaviour and the phone page.

let h: Harness;
afterEach(() => h.close());

async function sim(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(`${h.sim.url}${path}`, {
    method: method as 'GET',
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

const template = (to: string, biz?: string): Record<string, unknown> => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  ...(biz !== undefined ? { biz_opaque_callback_data: biz } : {}),
  template: { name: 'hello_world', language: { code: 'en_US' } },
});

describe('/_sim/ API', () => {
  it('lists accepted messages with the oracle fields and counts per recipient', async () => {
    h = await startHarness();
    await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('+1 650 555 1234', 'rcp-1'));
    await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('16505551234', 'rcp-2'));
    const res = await sim('GET', '/_sim/messages?wa_id=16505551234');
    const data = res.body.data as Record<string, unknown>[];
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({
      to: '+1 650 555 1234',
      wa_id: '16505551234',
      type: 'template',
      template_name: 'hello_world',
      biz_opaque_callback_data: 'rcp-1',
      received_at: expect.any(Number),
      id: expect.stringMatching(/^wamid\./),
    });
    expect(res.body.counts).toEqual({ total: 2, byRecipient: { '16505551234': 2 } });
  });

  it('configures faults and limits, customers write in, reset restores the seed', async () => {
    h = await startHarness();
    expect((await sim('PATCH', '/_sim/settings', { faults: { serverError: 1 } })).status).toBe(200);
    expect(
      (await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('16505551234'))).status,
    ).toBeGreaterThanOrEqual(500);
    expect((await sim('PATCH', '/_sim/settings', { faults: { serverError: 7 } })).status).toBe(400);
    await sim('PUT', '/_sim/customers', { waId: '4915112345678', name: 'Lukas' });
    const sent = await sim('POST', '/_sim/customers/4915112345678/messages', {
      type: 'location',
      location: { latitude: 52.5, longitude: 13.4 },
    });
    expect(sent.body).toMatchObject({ from: '4915112345678', type: 'location' });
    await h.receiver.waitFor((r) => r.length === 1);
    expect(h.receiver.received[0]?.body.entry[0]?.changes[0]?.value).toMatchObject({
      contacts: [{ profile: { name: 'Lukas' } }],
    });
    const conversation = await sim('GET', '/_sim/customers/4915112345678/conversation');
    expect(conversation.body.data).toHaveLength(1);
    await sim('POST', '/_sim/reset');
    expect((await sim('GET', '/_sim/settings')).body.faults).toMatchObject({ serverError: 0 });
    expect(((await sim('GET', '/_sim/customers')).body.data as unknown[]).length).toBe(7);
    expect((await sim('GET', '/_sim/messages')).body.data).toEqual([]);
  });

  it('pauses a template through the API and emits the webhook', async () => {
    h = await startHarness();
    const res = await sim('POST', '/_sim/templates/1192339204654487/status', { status: 'PAUSED' });
    expect(res.body).toMatchObject({ name: 'hello_world', status: 'PAUSED' });
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 1);
    expect(
      (await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('16505551234'))).body.error
        .code,
    ).toBe(132015);
  });

  it('serves the customer phone page', async () => {
    h = await startHarness();
    const res = await request(`${h.sim.url}/_sim/phone`);
    expect(res.headers['content-type']).toContain('text/html');
    expect(await res.body.text()).toContain('/_sim/customers/');
  });
});

describe('simulated customers', () => {
  it('reply to campaigns at the configured rate, tapping quick replies with context', async () => {
    h = await startHarness({ behaviour: { replyRate: 1, replyDelayMs: 5 } });
    const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'template',
      template: {
        name: 'appointment_reminder',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'name', text: 'Ana' },
              { type: 'text', parameter_name: 'date', text: 'May 3' },
            ],
          },
        ],
      },
    });
    await h.sim.control.flush();
    const messages = changesOf(h.receiver.received, 'messages').flatMap(
      (v) => (v.messages as Record<string, unknown>[] | undefined) ?? [],
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      type: 'button',
      context: { from: '15550100', id: res.body.messages[0].id },
    });
    expect(['Confirm', 'Reschedule']).toContain((messages[0]?.button as { text: string }).text);
  });

  it('send STOP or opt out in the app at the configured rates', async () => {
    h = await startHarness({ behaviour: { replyRate: 1, replyDelayMs: 5, stopRate: 1 } });
    await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('16505551234'));
    await h.sim.control.flush();
    const texts = changesOf(h.receiver.received, 'messages').flatMap(
      (v) => (v.messages as { text?: { body: string } }[] | undefined) ?? [],
    );
    expect(texts.map((m) => m.text?.body)).toEqual(['STOP']);
    h.sim.control.configure({ behaviour: { stopRate: 0, optOutRate: 1 } });
    await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('5511987654321'));
    await h.sim.control.flush();
    expect(changesOf(h.receiver.received, 'user_preferences')).toHaveLength(1);
    expect(h.sim.control.customers().find((c) => c.waId === '5511987654321')?.marketingOptOut).toBe(
      true,
    );
  });
});
