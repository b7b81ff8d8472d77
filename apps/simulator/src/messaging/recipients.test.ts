import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { statusesOf } from '../testing/webhook-receiver';

// Recipient rules: a test number's allow-list (131030, sync) and marketing message
// experiments (130472, async `failed`).

let h: Harness;
afterEach(() => h.close());

const template = (to: string, name = 'hello_world'): Record<string, unknown> => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: { name, language: { code: 'en_US' } },
});

describe('test numbers', () => {
  it('send only to their allow-list; others get 131030 and nothing is accepted', async () => {
    h = await startHarness();
    h.sim.control.upsertNumber({
      id: PHONE_ID,
      testNumber: true,
      allowedRecipients: ['16505551234', '447700900123'],
    });
    const allowed = await h.graph(
      'POST',
      `/v23.0/${PHONE_ID}/messages`,
      template('+1 650-555-1234'),
    );
    expect(allowed.status).toBe(200);
    const blocked = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('5511987654321'));
    expect(blocked.status).toBe(400);
    expect(blocked.body.error).toMatchObject({
      code: 131030,
      message: '(#131030) Recipient phone number not in allowed list',
    });
    expect(h.sim.control.messages().map((m) => m.wa_id)).toEqual(['16505551234']);
    const phone = await h.graph('GET', `/v23.0/${PHONE_ID}?fields=account_mode`);
    expect(phone.body.account_mode).toBe('SANDBOX');
    // The other (live) number is not restricted.
    const other = await h.graph(
      'POST',
      '/v23.0/106540352242923/messages',
      template('5511987654321'),
    );
    expect(other.status).toBe(200);
  });

  it('allow at most five recipients', async () => {
    h = await startHarness();
    const six = [
      '4915100000001',
      '4915100000002',
      '4915100000003',
      '4915100000004',
      '4915100000005',
      '4915100000006',
    ];
    expect(() =>
      h.sim.control.upsertNumber({ id: PHONE_ID, testNumber: true, allowedRecipients: six }),
    ).toThrow();
    const res = await request(`${h.sim.url}/_sim/numbers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: PHONE_ID, testNumber: true, allowedRecipients: six }),
    });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });
});

describe('marketing experiments', () => {
  it('fail marketing templates to held-out recipients with 130472, not utility ones', async () => {
    h = await startHarness({ limits: { experimentRecipients: ['447700900123'] } });
    h.sim.control.upsertCustomer({
      waId: '919876543210',
      name: 'Priya',
      marketingExperiment: true,
    });
    h.sim.control.upsertTemplate({
      id: '1689556908129899',
      wabaId: '102290129340398',
      name: 'flash_sale',
      language: 'en_US',
      category: 'MARKETING',
      status: 'APPROVED',
      parameterFormat: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Flash sale: everything 20% off today.' }],
    });
    const send = (to: string, name: string) =>
      h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template(to, name));
    const held = await send('447700900123', 'flash_sale');
    const flagged = await send('919876543210', 'flash_sale');
    const control = await send('16505551234', 'flash_sale');
    const utility = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, template('447700900123'));
    for (const r of [held, flagged, control, utility]) expect(r.status).toBe(200);
    await h.sim.control.flush();
    const statuses = statusesOf(h.receiver.received);
    const failed = statuses.filter((s) => s.status === 'failed');
    expect(failed.map((s) => s.recipient_id).sort()).toEqual(['447700900123', '919876543210']);
    expect(failed[0]?.errors).toEqual([
      expect.objectContaining({
        code: 130472,
        title: "User's number is part of an experiment",
        error_data: {
          details:
            "Failed to send message because this user's phone number is part of an experiment",
        },
      }),
    ]);
    const byId = (r: typeof held) =>
      statuses.filter((s) => s.id === r.body.messages[0].id).map((s) => s.status);
    expect(byId(control)).toContain('sent');
    expect(byId(utility)).toContain('sent');
  });
});
