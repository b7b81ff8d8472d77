import { FormData, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { mediaInfoSchema } from '@kiana/contracts';
import { PHONE_ID, TEST_TOKEN, startHarness, type Harness } from '../testing/harness';
import { statusesOf } from '../testing/webhook-receiver';

// Media lifetimes (NOTES §5.2) on the simulator's clock: uploaded ids 30 days, ids received
// in webhooks 7 days.

let h: Harness;
afterEach(() => h.close());

const DAY_MS = 24 * 3600 * 1000;

async function upload(): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('file', new Blob([Buffer.from('jpeg-bytes')], { type: 'image/jpeg' }), 'a.jpg');
  const res = await request(`${h.sim.url}/v23.0/${PHONE_ID}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
    body: form,
  });
  return ((await res.body.json()) as { id: string }).id;
}

describe('media expiry', () => {
  it('keeps an uploaded id 30 days; after that it is unknown and sending it fails with 131053', async () => {
    h = await startHarness();
    const id = await upload();
    h.sim.control.advanceClock(29 * DAY_MS);
    const info = mediaInfoSchema.parse((await h.graph('GET', `/v23.0/${id}`)).body);
    h.sim.control.advanceClock(2 * DAY_MS);
    const gone = await h.graph('GET', `/v23.0/${id}`);
    expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const download = await request(info.url, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(download.statusCode).toBe(404);
    await download.body.dump();
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'hi' } }, PHONE_ID);
    const send = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'image',
      image: { id },
    });
    expect(send.status).toBe(200);
    await h.sim.control.flush();
    const failed = statusesOf(h.receiver.received).find((s) => s.status === 'failed');
    expect(failed).toMatchObject({ id: send.body.messages[0].id, errors: [{ code: 131053 }] });
  });

  it('keeps a received id 7 days (the control API moves the clock)', async () => {
    h = await startHarness();
    const msg = h.sim.control.inbound('16505551234', { type: 'image', image: { caption: 'hi' } });
    const id = msg.image?.id ?? '';
    expect((await h.graph('GET', `/v23.0/${id}`)).status).toBe(200);
    const before = h.sim.control.clockNow();
    const advanced = await request(`${h.sim.url}/_sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 7 * DAY_MS }),
    });
    const { now } = (await advanced.body.json()) as { now: number };
    expect(now - before).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect((await h.graph('GET', `/v23.0/${id}`)).body.error?.code).toBe(100);
  });

  it('runs the clock faster with a time scale', async () => {
    h = await startHarness({ timeScale: 3600 * 24 * 10 });
    const msg = h.sim.control.inbound('16505551234', { type: 'audio', audio: { voice: true } });
    // 10 simulated days per real second: the 7-day id is gone within a second.
    await new Promise((r) => setTimeout(r, 800));
    expect((await h.graph('GET', `/v23.0/${msg.audio?.id ?? ''}`)).body.error?.code).toBe(100);
    const fast = h.sim.control.clockNow();
    expect(fast - Date.now()).toBeGreaterThan(6 * DAY_MS);
    // A reset puts the clock back to real time (at the start-up scale).
    h.sim.control.reset();
    expect(h.sim.control.clockNow()).toBeLessThan(fast - 6 * DAY_MS);
  });
});
