import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { statusesOf } from '../testing/webhook-receiver';

// `played` (NOTES §3.5): the first play of a voice message the business sent, after `read`.

let h: Harness;
afterEach(() => h.close());

const WA_ID = '16505551234';

async function sendAudio(voice: boolean | undefined): Promise<string> {
  // The customer writes first so free-form audio is inside the service window.
  h.sim.control.inbound(WA_ID, { type: 'text', text: { body: 'hi' } }, PHONE_ID);
  h.sim.control.addMedia('1013859600285441', 'audio/ogg');
  const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to: WA_ID,
    type: 'audio',
    audio: { id: '1013859600285441', ...(voice !== undefined ? { voice } : {}) },
  });
  expect(res.status).toBe(200);
  return res.body.messages[0].id as string;
}

const statusesFor = (id: string): unknown[] =>
  statusesOf(h.receiver.received)
    .filter((s) => s.id === id)
    .map((s) => s.status);

describe('played', () => {
  it('follows read for a voice message and is the oracle’s final status', async () => {
    h = await startHarness({ statuses: { playedLatencyMs: 40, playedProbability: 1 } });
    const id = await sendAudio(true);
    await h.sim.control.flush();
    expect(statusesFor(id)).toEqual(['sent', 'delivered', 'read', 'played']);
    const played = statusesOf(h.receiver.received).find((s) => s.status === 'played');
    expect(played?.pricing).toBeUndefined();
    expect(h.sim.control.messages({ waId: WA_ID }).at(-1)?.status).toBe('played');
  });

  it('never comes for plain audio, or when the probability is 0', async () => {
    h = await startHarness({ statuses: { playedLatencyMs: 40, playedProbability: 1 } });
    const plain = await sendAudio(undefined);
    h.sim.control.configure({ statuses: { playedProbability: 0 } });
    const unplayed = await sendAudio(true);
    await h.sim.control.flush();
    expect(statusesFor(plain)).toEqual(['sent', 'delivered', 'read']);
    expect(statusesFor(unplayed)).toEqual(['sent', 'delivered', 'read']);
  });

  it('needs a read: no played without read receipts', async () => {
    h = await startHarness({
      statuses: { playedLatencyMs: 40, playedProbability: 1, readProbability: 0 },
    });
    const id = await sendAudio(true);
    await h.sim.control.flush();
    expect(statusesFor(id)).toEqual(['sent', 'delivered']);
  });
});
