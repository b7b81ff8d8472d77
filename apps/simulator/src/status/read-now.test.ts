import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MetaError } from '../graph/errors';
import { PHONE_ID, startHarness, type Harness } from '../testing/harness';
import { changesOf, statusesOf } from '../testing/webhook-receiver';

// The customer reads a delivered message when told to (control `readMessage`,
// `POST /_sim/messages/:id/read`): demo mode spreads its past's reads over hours this way.

let h: Harness;
afterEach(() => h.close());

const HOUR = 3_600_000;

async function sendTemplate(to: string): Promise<string> {
  const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: { name: 'hello_world', language: { code: 'en_US' } },
  });
  expect(res.status).toBe(200);
  return res.body.messages[0].id as string;
}

const statusesFor = (id: string): Record<string, unknown>[] =>
  statusesOf(h.receiver.received).filter((s) => s.id === id);

function metaErrorOf(run: () => unknown): MetaError | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof MetaError) return err;
    throw err;
  }
  return undefined;
}

describe('readMessage', () => {
  it('emits read at the simulated now, unpriced after a priced delivered, once', async () => {
    h = await startHarness({ statuses: { readProbability: 0 } });
    const id = await sendTemplate('16505551234');
    await h.sim.control.flush();
    expect(statusesFor(id).map((s) => s.status)).toEqual(['sent', 'delivered']);
    const delivered = statusesFor(id)[1];
    expect(delivered?.pricing).toMatchObject({ category: 'utility' });

    const later = h.advanceClock(3 * HOUR);
    expect(h.sim.control.readMessage(id)).toBe(true);
    await h.sim.control.flush();
    const statuses = statusesFor(id);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    const read = statuses[2];
    const readAt = Number(read?.timestamp);
    expect(readAt).toBeGreaterThanOrEqual(Math.floor(later / 1000));
    expect(readAt - Number(delivered?.timestamp)).toBeGreaterThanOrEqual((3 * HOUR) / 1000);
    // Pricing rides on sent and on the first of delivered/read (D3): delivered carried it.
    expect(read?.pricing).toBeUndefined();
    expect(read).toMatchObject({ recipient_id: '16505551234' });
    expect(h.sim.control.messages({ waId: '16505551234' }).at(-1)?.status).toBe('read');

    // Already read: nothing more is said.
    expect(h.sim.control.readMessage(id)).toBe(false);
    await h.sim.control.flush();
    expect(statusesFor(id)).toHaveLength(3);
  });

  it('lets the customer answer after reading, as any read does', async () => {
    h = await startHarness({
      statuses: { readProbability: 0 },
      behaviour: { replyRate: 1, replyDelayMs: 5 },
    });
    const id = await sendTemplate('16505551234');
    await h.sim.control.flush();
    const inbound = () =>
      changesOf(h.receiver.received, 'messages').flatMap(
        (v) => (v.messages as Record<string, unknown>[] | undefined) ?? [],
      );
    expect(inbound()).toEqual([]);
    h.sim.control.readMessage(id);
    await h.sim.control.flush();
    expect(inbound()).toHaveLength(1);
    expect(inbound()[0]).toMatchObject({ context: { id } });
  });

  it('refuses a failed message, one not delivered, and an unknown id', async () => {
    h = await startHarness({ statuses: { readProbability: 0 } });
    const failed = await sendTemplate('+1 (650) 555-0000');
    await h.sim.control.flush();
    expect(statusesFor(failed).map((s) => s.status)).toEqual(['failed']);
    h.sim.control.configure({ statuses: { deliveredProbability: 0 } });
    const undelivered = await sendTemplate('16505551234');
    await h.sim.control.flush();
    expect(statusesFor(undelivered).map((s) => s.status)).toEqual(['sent']);

    expect(metaErrorOf(() => h.sim.control.readMessage(failed))?.details).toMatch(/failed/);
    expect(metaErrorOf(() => h.sim.control.readMessage(undelivered))?.details).toMatch(
      /not delivered/,
    );
    expect(metaErrorOf(() => h.sim.control.readMessage('wamid.unknown'))?.code).toBe(100);
    await h.sim.control.flush();
    expect(statusesFor(failed)).toHaveLength(1);
    expect(statusesFor(undelivered)).toHaveLength(1);
    expect(h.sim.control.messages({ waId: '16505551234' }).at(-1)?.status).toBe('sent');
  });
});

describe('POST /_sim/messages/:id/read', () => {
  async function readOverHttp(id: string): Promise<{ status: number; body: unknown }> {
    const res = await request(`${h.sim.url}/_sim/messages/${encodeURIComponent(id)}/read`, {
      method: 'POST',
    });
    return { status: res.statusCode, body: await res.body.json() };
  }

  it('reads a delivered message, answers false once read and 400 for a failed one', async () => {
    h = await startHarness({ statuses: { readProbability: 0 } });
    const id = await sendTemplate('16505551234');
    const failed = await sendTemplate('16505550000');
    await h.sim.control.flush();
    expect(await readOverHttp(id)).toEqual({ status: 200, body: { read: true } });
    expect(await readOverHttp(id)).toEqual({ status: 200, body: { read: false } });
    expect((await readOverHttp(failed)).status).toBe(400);
    await h.sim.control.flush();
    expect(statusesFor(id).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
  });
});
