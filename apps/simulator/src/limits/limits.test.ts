import { afterEach, describe, expect, it, vi } from 'vitest';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { statusesOf } from '../testing/webhook-receiver';

// Each limit, synchronous (130429, 131056) and asynchronous (131026/131047/131048/131049/131050).

let h: Harness;
afterEach(async () => {
  vi.useRealTimers();
  await h.close();
});

/**
 * Stops the wall clock (Date only; timers and sockets stay real) so the token buckets do
 * not refill while a batch is in flight: the counts are exact even on a loaded machine.
 */
function freezeClock(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
}

const tpl = (to: string, name = 'hello_world', language = 'en_US'): Record<string, unknown> => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: { name, language: { code: language } },
});
const send = (body: unknown, version = 'v23.0'): ReturnType<Harness['graph']> =>
  h.graph('POST', `/${version}/${PHONE_ID}/messages`, body);

async function failedCodeOf(messageId: string): Promise<unknown> {
  await h.sim.control.flush();
  const failed = statusesOf(h.receiver.received).find(
    (s) => s.id === messageId && s.status === 'failed',
  );
  return (failed?.errors as { code: number }[] | undefined)?.[0]?.code;
}

describe('limits', () => {
  it('answers 130429 (HTTP 429) beyond the per-number throughput', async () => {
    h = await startHarness({ limits: { throughputMps: 20, pairEnabled: false } });
    freezeClock();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => send(tpl(`1650555${String(1000 + i)}`))),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const limited = results.filter((r) => r.body.error?.code === 130429);
    // One second of burst, nothing more while time stands still.
    expect(ok).toBe(20);
    expect(limited.length).toBe(40);
    expect(limited[0]?.status).toBe(429);
    expect(h.sim.control.messages()).toHaveLength(ok);
  });

  it('lets a HIGH throughput number send 1,000/s and a coexistence number 20/s', async () => {
    h = await startHarness({ limits: { pairEnabled: false } });
    h.sim.control.upsertNumber({ id: PHONE_ID, throughputLevel: 'COEXISTENCE' });
    freezeClock();
    const low = await Promise.all(
      Array.from({ length: 30 }, (_, i) => send(tpl(`1650556${String(1000 + i)}`))),
    );
    expect(low.filter((r) => r.status === 200).length).toBe(20);
    h.sim.control.upsertNumber({ id: PHONE_ID, throughputLevel: 'HIGH' });
    // One (frozen) second later the HIGH bucket has refilled to 1,000.
    vi.setSystemTime(Date.now() + 1000);
    const high = await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(tpl(`1650557${String(1000 + i)}`))),
    );
    expect(high.filter((r) => r.status === 200).length).toBe(200);
  });

  it('answers 131056 when one recipient is messaged too often', async () => {
    h = await startHarness({ limits: { pairBurst: 3 } });
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push((await send(tpl('16505551234'))).body.error?.code);
    expect(codes).toEqual([undefined, undefined, undefined, 131056, 131056]);
    expect((await send(tpl('5511987654321'))).status).toBe(200);
  });

  it('fails free-form messages outside the 24-hour window with 131047 (async by default, sync on request)', async () => {
    h = await startHarness();
    const text = {
      messaging_product: 'whatsapp',
      to: '5215512345678',
      type: 'text',
      text: { body: 'hello' },
    };
    const res = await send(text);
    expect(res.status).toBe(200);
    expect(await failedCodeOf(res.body.messages[0].id)).toBe(131047);
    h.sim.control.configure({ limits: { windowFailureMode: 'sync' } });
    expect((await send(text)).body.error?.code).toBe(131047);
    h.sim.control.inbound('5215512345678', { type: 'text', text: { body: 'hola' } });
    const inside = await send(text);
    expect(await failedCodeOf(inside.body.messages[0].id)).toBeUndefined();
  });

  it('fails marketing templates to opted-out users (131050) and capped users (131049), not utility ones', async () => {
    h = await startHarness();
    h.sim.control.setMarketingPreference('16505551234', 'stop');
    h.sim.control.upsertCustomer({
      waId: '447700900123',
      name: 'Oliver Smith',
      marketingCapped: true,
    });
    const body = (to: string): Record<string, unknown> => ({
      ...tpl(to, 'welcome_offer'),
      template: {
        name: 'welcome_offer',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
          { type: 'body', parameters: [{ type: 'text', text: '15%' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 0,
            parameters: [{ type: 'coupon_code', coupon_code: 'W15' }],
          },
        ],
      },
    });
    const optedOut = await send(body('16505551234'));
    const capped = await send(body('447700900123'));
    const utility = await send(tpl('16505551234'));
    expect(await failedCodeOf(optedOut.body.messages[0].id)).toBe(131050);
    expect(await failedCodeOf(capped.body.messages[0].id)).toBe(131049);
    expect(await failedCodeOf(utility.body.messages[0].id)).toBeUndefined();
  });

  it('fails numbers that are not on WhatsApp with 131026 asynchronously', async () => {
    h = await startHarness();
    const res = await send(tpl('+1 (650) 555-0000'));
    expect(res.status).toBe(200);
    expect(res.body.contacts[0]).toEqual({ input: '+1 (650) 555-0000', wa_id: '16505550000' });
    expect(await failedCodeOf(res.body.messages[0].id)).toBe(131026);
  });
});
