import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';

// Management-API (BUC) rate limits (NOTES §6.6) and Meta's response headers (NOTES §0).

let h: Harness;
afterEach(() => h.close());

const usageOf = (headers: Record<string, unknown>): Record<string, number>[] => {
  const raw = headers['x-business-use-case-usage'];
  expect(typeof raw).toBe('string');
  return (JSON.parse(raw as string) as Record<string, Record<string, number>[]>)[WABA_ID] ?? [];
};

describe('management-call budget', () => {
  it('reports usage on WABA calls and answers 80007 with is_transient over the budget', async () => {
    h = await startHarness({ limits: { managementCallsPerHour: 4 } });
    const first = await h.graph('GET', `/v23.0/${WABA_ID}/message_templates`);
    expect(usageOf(first.headers)[0]).toMatchObject({
      type: 'whatsapp_business_management',
      call_count: 25,
      estimated_time_to_regain_access: 0,
    });
    await h.graph('GET', `/v23.0/${WABA_ID}/phone_numbers`);
    await h.graph('GET', `/v23.0/${PHONE_ID}`);
    const fourth = await h.graph('GET', `/v23.0/${WABA_ID}/subscribed_apps`);
    expect(fourth.status).toBe(200);
    expect(usageOf(fourth.headers)[0]?.call_count).toBe(100);
    const over = await h.graph('GET', `/v23.0/${WABA_ID}`);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: 80007,
      error_subcode: 2446079,
      is_transient: true,
      type: 'OAuthException',
    });
    expect(usageOf(over.headers)[0]?.estimated_time_to_regain_access).toBe(60);
    expect(over.headers['x-fb-trace-id']).toBe(over.body.error.fbtrace_id);
  });

  it('does not count sends; the window resets after a simulated hour', async () => {
    h = await startHarness({ limits: { managementCallsPerHour: 1, managementErrorCode: 4 } });
    const send = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(send.headers['x-business-use-case-usage']).toBeUndefined();
    expect((await h.graph('GET', `/v23.0/${WABA_ID}/message_templates`)).status).toBe(200);
    const over = await h.graph('GET', `/v23.0/${WABA_ID}/message_templates`);
    expect(over.body.error).toMatchObject({ code: 4, is_transient: true });
    h.sim.control.advanceClock(3600 * 1000);
    expect((await h.graph('GET', `/v23.0/${WABA_ID}/message_templates`)).status).toBe(200);
  });

  it('can be switched off', async () => {
    h = await startHarness({ limits: { managementCallsPerHour: 1, managementEnabled: false } });
    await h.graph('GET', `/v23.0/${WABA_ID}`);
    const second = await h.graph('GET', `/v23.0/${WABA_ID}`);
    expect(second.status).toBe(200);
    expect(usageOf(second.headers)[0]?.call_count).toBe(100);
  });
});

describe('response headers', () => {
  it('sets facebook-api-version, x-fb-request-id and x-fb-trace-id on Graph responses', async () => {
    h = await startHarness();
    const res = await h.graph('GET', `/v24.0/${PHONE_ID}`);
    expect(res.headers['facebook-api-version']).toBe('v24.0');
    expect(res.headers['x-fb-request-id']).toEqual(expect.any(String));
    expect(res.headers['x-fb-trace-id']).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
