import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, TEST_TOKEN, startHarness, type Harness } from './testing/harness';
import { statusesOf } from './testing/webhook-receiver';
import type { SettingsInput } from './settings';

// Each fault mode on demand, observed from the outside (HTTP answers, webhook receiver).

const template = {
  messaging_product: 'whatsapp',
  to: '16505551234',
  type: 'template',
  template: { name: 'hello_world', language: { code: 'en_US' } },
};

let h: Harness;
async function withFaults(faults: SettingsInput['faults']): Promise<Harness> {
  h = await startHarness({ faults });
  return h;
}
afterEach(() => h.close());

const send = (body: unknown = template): ReturnType<Harness['graph']> =>
  h.graph('POST', `/v23.0/${PHONE_ID}/messages`, body);

describe('faults', () => {
  it('duplicates webhook deliveries byte for byte', async () => {
    await withFaults({ duplicateWebhook: 1 });
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'hello' } });
    await h.receiver.waitFor((r) => r.length === 2);
    expect(h.receiver.received[0]?.raw.equals(h.receiver.received[1]?.raw ?? Buffer.alloc(0))).toBe(
      true,
    );
    expect(h.sim.control.webhooks().filter((w) => w.duplicate)).toHaveLength(1);
  });

  it('delivers statuses out of order', async () => {
    await withFaults({ outOfOrderStatuses: 1 });
    await send();
    await h.sim.control.flush();
    expect(statusesOf(h.receiver.received).map((s) => s.status)).toEqual([
      'read',
      'delivered',
      'sent',
    ]);
  });

  it('skips delivered', async () => {
    await withFaults({ skipDelivered: 1 });
    await send();
    await h.sim.control.flush();
    expect(statusesOf(h.receiver.received).map((s) => s.status)).toEqual(['sent', 'read']);
  });

  it('delivers the sent status before the send response', async () => {
    await withFaults({ statusBeforeResponse: 1 });
    const res = await send();
    const answeredAt = Date.now();
    const sent = h.receiver.received.find((w) => statusesOf([w]).some((s) => s.status === 'sent'));
    expect(sent).toBeDefined();
    expect(sent?.at).toBeLessThanOrEqual(answeredAt);
    expect(statusesOf([sent!])[0]?.id).toBe(res.body.messages[0].id);
    await h.sim.control.flush();
    expect(statusesOf(h.receiver.received).map((s) => s.status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
  });

  it('answers slowly', async () => {
    await withFaults({ slowResponse: 1, slowResponseMs: 300 });
    const started = Date.now();
    const res = await send();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers 5xx with a transient code and accepts nothing', async () => {
    await withFaults({ serverError: 1 });
    const res = await send();
    expect([500, 503]).toContain(res.status);
    expect([131000, 2]).toContain(res.body.error.code);
    expect(res.body.error.is_transient).toBe(true);
    expect(h.sim.control.messages()).toHaveLength(0);
  });

  it('resets the connection before accepting', async () => {
    await withFaults({ connectionReset: 1 });
    await expect(send()).rejects.toThrow();
    expect(h.sim.control.messages()).toHaveLength(0);
  });

  it('resets the connection after accepting: the message exists and its statuses arrive', async () => {
    await withFaults({ connectionResetAfterAccept: 1 });
    await expect(send({ ...template, biz_opaque_callback_data: 'rcp-1' })).rejects.toThrow();
    const [msg] = h.sim.control.messages();
    expect(msg?.biz_opaque_callback_data).toBe('rcp-1');
    await h.sim.control.flush();
    const statuses = statusesOf(h.receiver.received);
    expect(statuses.map((s) => s.biz_opaque_callback_data)).toEqual(['rcp-1', 'rcp-1', 'rcp-1']);
  });

  it('signs webhooks with a wrong secret', async () => {
    await withFaults({ wrongSignature: 1 });
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'hello' } });
    await h.receiver.waitFor((r) => r.length === 1);
    expect(h.receiver.received[0]?.isSignatureValid).toBe(false);
  });

  it('retries a webhook the receiver refuses, with backoff, until it is accepted', async () => {
    // 100 simulated seconds per real second: the 1 s, 2 s, 4 s backoff takes 10, 20, 40 ms.
    h = await startHarness({ clockFactor: 100 });
    h.receiver.respondWith.push(500, 503, 404);
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'retry me' } });
    await h.sim.control.flush();
    expect(h.receiver.received).toHaveLength(4);
    expect(new Set(h.receiver.received.map((r) => r.raw.toString()))).toHaveProperty('size', 1);
    const gaps = h.receiver.received
      .slice(1)
      .map((r, i) => r.at - (h.receiver.received[i]?.at ?? 0));
    // Each retry timer starts after the refused answer, so these are hard lower bounds.
    gaps.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(10 * 2 ** i - 1));
    expect(h.sim.control.webhooks()[0]).toMatchObject({
      attempts: 4,
      delivered: true,
      lastStatus: 200,
    });
  });

  it('gives up after seven simulated days', async () => {
    // 7 simulated days ≈ 0.6 s real: long enough for >10 attempts on a loaded machine.
    h = await startHarness({ clockFactor: 1_000_000 });
    h.receiver.respondWith.push(...Array<number>(5000).fill(500));
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'lost' } });
    await h.sim.control.flush();
    const [record] = h.sim.control.webhooks();
    expect(record).toMatchObject({ delivered: false, gaveUp: true });
    expect(record?.attempts).toBeGreaterThan(10);
  });

  it('accepts the token as the access_token query parameter', async () => {
    await withFaults({});
    const res = await request(`${h.sim.url}/v23.0/${PHONE_ID}?access_token=${TEST_TOKEN}`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});
