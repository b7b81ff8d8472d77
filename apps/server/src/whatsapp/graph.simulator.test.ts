import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCESS_TOKEN,
  defaultSeed,
  startSimulator,
  type RunningSimulator,
} from '@kiana/simulator';
import { GraphClient } from './graph.client';
import { GraphApiError } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';
import type { SendMessageBody } from './graph.schemas';

// The client against an in-process simulator: every error class the simulator can produce,
// reached the way production reaches it (real HTTP on loopback, Meta's envelopes and codes).

const seed = defaultSeed();
const WABA = seed.waba.id;
const PHONE = (seed.phoneNumbers[0] as { id: string }).id;
const CUSTOMER = (seed.customers[0] as { waId: string }).waId;

let sim: RunningSimulator;
let client: GraphClient;
beforeAll(async () => {
  sim = await startSimulator({ randomSeed: 7 });
  client = new GraphClient({
    baseUrl: sim.url,
    timeouts: { connectMs: 1_000, headersMs: 2_000, bodyMs: 2_000 },
  });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => sim.control.reset());

const api = (accessToken = DEFAULT_ACCESS_TOKEN, apiVersion = 'v23.0') =>
  client.forAccount({ accessToken, apiVersion });

const text = (to = CUSTOMER): SendMessageBody => ({ to, type: 'text', text: { body: 'Hello' } });
const template = (name: string, components?: unknown[]): SendMessageBody =>
  ({
    to: CUSTOMER,
    type: 'template',
    template: { name, language: { code: 'en_US' }, ...(components ? { components } : {}) },
  }) as SendMessageBody;

async function failure(p: Promise<unknown>): Promise<GraphApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GraphApiError))
    throw new Error(`expected a GraphApiError, got ${String(err)}`);
  return err;
}

function expectClass(err: GraphApiError, cls: GraphErrorClass, metaCode?: number): void {
  expect(err.classification).toBe(cls);
  if (metaCode !== undefined) expect(err.metaCode).toBe(metaCode);
}

describe('successful calls', () => {
  it('sends a template and the simulator records exactly that message', async () => {
    const res = await api().sendMessage(PHONE, {
      ...template('hello_world'),
      biz_opaque_callback_data: 'c1:r1',
    } as SendMessageBody);
    expect(res.messages[0]?.id).toMatch(/^wamid\./);
    expect(res.contacts[0]?.wa_id).toBe(CUSTOMER);
    const stored = sim.control.messages({});
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: res.messages[0]?.id, biz_opaque_callback_data: 'c1:r1' });
  });

  it('lists every template across pages, reads the account and numbers', async () => {
    const all = await api().listAllTemplates(WABA, { limit: 2 });
    expect(all.map((t) => t.name).sort()).toEqual(seed.templates.map((t) => t.name).sort());
    expect((await api().getWaba(WABA)).id).toBe(WABA);
    const numbers = await api().listAllPhoneNumbers(WABA);
    expect(numbers.map((n) => n.id).sort()).toEqual(seed.phoneNumbers.map((n) => n.id).sort());
    const number = await api().getPhoneNumber(PHONE, ['quality_rating', 'throughput']);
    expect(number).toMatchObject({ id: PHONE, quality_rating: 'GREEN' });
    expect(await api().subscribeApp(WABA)).toEqual({ success: true });
  });

  it('creates and deletes a template', async () => {
    const created = await api().createTemplate(WABA, {
      name: 'client_test_tpl',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Your code is ready' }],
    });
    expect(created.status).toBe('PENDING');
    const found = await api().listTemplates(WABA, { name: 'client_test_tpl' });
    expect(found.data.map((t) => t.id)).toContain(created.id);
    expect(await api().deleteTemplate(WABA, { name: 'client_test_tpl' })).toEqual({
      success: true,
    });
  });

  it('uploads media, resolves its URL and downloads the same bytes with the token', async () => {
    const bytes = Buffer.from('%PDF-1.4 simulated');
    const { id } = await api().uploadMedia(PHONE, {
      data: bytes,
      mimeType: 'application/pdf',
      filename: 'x.pdf',
    });
    const info = await api().getMediaUrl(id);
    const media = await api().downloadMedia(info.url, { maxBytes: 1024 });
    expect(media.data.equals(bytes)).toBe(true);
    await expect(api().downloadMedia(info.url, { maxBytes: 4 })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});

describe('error classes from the simulator', () => {
  it('bad token → auth (190)', async () => {
    expectClass(await failure(api('not-a-token').sendMessage(PHONE, text())), 'auth', 190);
  });

  it('expired token → auth (190/463)', async () => {
    sim.control.setTokens([{ token: 'expired', expired: true }]);
    const err = await failure(api('expired').getWaba(WABA));
    expectClass(err, 'auth', 190);
    expect(err.metaSubcode).toBe(463);
  });

  it('missing permission → auth (10), no access to the WABA → auth (200)', async () => {
    sim.control.setTokens([
      { token: 'mgmt-only', permissions: ['whatsapp_business_management'] },
      { token: 'other-waba', wabaIds: ['999'] },
    ]);
    expectClass(await failure(api('mgmt-only').sendMessage(PHONE, text())), 'auth', 10);
    expectClass(await failure(api('other-waba').listTemplates(WABA)), 'auth', 200);
  });

  it('unknown template → permanent (132001); parameter mismatch → permanent (132000)', async () => {
    expectClass(
      await failure(api().sendMessage(PHONE, template('no_such_tpl'))),
      'permanent',
      132001,
    );
    const extra = [{ type: 'body', parameters: [{ type: 'text', text: 'unexpected' }] }];
    expectClass(
      await failure(api().sendMessage(PHONE, template('hello_world', extra))),
      'permanent',
      132000,
    );
  });

  it('free-form outside the 24-hour window, answered synchronously → window-closed (131047)', async () => {
    sim.control.configure({ limits: { windowFailureMode: 'sync' } });
    expectClass(await failure(api().sendMessage(PHONE, text())), 'window-closed', 131047);
  });

  it('throughput over the number’s rate → throttled (130429) with a retry delay', async () => {
    sim.control.configure({ limits: { throughputMps: 1, pairEnabled: false } });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => api().sendMessage(PHONE, template('hello_world'))),
    );
    const errors = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as GraphApiError] : [],
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const err of errors) expectClass(err, 'throttled', 130429);
    expect(errors[0]?.isRetrySafe).toBe(true);
  });

  it('too many messages to one recipient → pair-limited (131056)', async () => {
    sim.control.configure({ limits: { pairBurst: 2, throughputEnabled: false } });
    await api().sendMessage(PHONE, template('hello_world'));
    await api().sendMessage(PHONE, template('hello_world'));
    expectClass(
      await failure(api().sendMessage(PHONE, template('hello_world'))),
      'pair-limited',
      131056,
    );
  });

  it('5xx fault → retryable, and nothing was accepted', async () => {
    sim.control.configure({ faults: { serverError: 1 } });
    const err = await failure(api().sendMessage(PHONE, template('hello_world')));
    expect(err.classification).toBe('retryable');
    expect([131000, 2]).toContain(err.metaCode);
    expect(sim.control.messages({})).toHaveLength(0);
  });

  it('reset after the message was accepted → unknown-outcome, although Meta did send it', async () => {
    sim.control.configure({ faults: { connectionResetAfterAccept: 1 } });
    const err = await failure(api().sendMessage(PHONE, template('hello_world')));
    expect(err).toMatchObject({ classification: 'unknown-outcome', isRetrySafe: false });
    // Exactly why a blind retry is forbidden: the oracle holds the message.
    expect(sim.control.messages({})).toHaveLength(1);
  });

  it('reset before acceptance is indistinguishable to the client → unknown-outcome too', async () => {
    sim.control.configure({ faults: { connectionReset: 1 } });
    const err = await failure(api().sendMessage(PHONE, template('hello_world')));
    expect(err.classification).toBe('unknown-outcome');
    expect(sim.control.messages({})).toHaveLength(0);
  });

  it('an answer slower than the headers timeout → unknown-outcome', async () => {
    sim.control.configure({ faults: { slowResponse: 1, slowResponseMs: 3_500 } });
    const err = await failure(api().sendMessage(PHONE, template('hello_world')));
    expect(err).toMatchObject({ classification: 'unknown-outcome', source: 'network' });
  });

  it('an unknown phone number id → permanent (100)', async () => {
    expectClass(await failure(api().sendMessage('123456789', text())), 'permanent', 100);
  });
});
