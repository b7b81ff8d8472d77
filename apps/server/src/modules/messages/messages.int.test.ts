import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMessage, ApiMessageDetail } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import { newNumbers } from '../campaigns/dispatch/dispatch.testkit';

// Transactional sends end to end: the API → the Sender → the simulator, whose status
// webhooks come back through intake and fill the message's status history.

let bed: WhatsAppTestbed;
let sendKey: string;
let readKey: string;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function keyWith(scopes: string[]): Promise<string> {
  const res = await bed.call({
    method: 'POST',
    url: '/api/v1/api-keys',
    payload: { name: `messages ${scopes.join(' ')}`, scopes },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ secret: string }>().secret;
}

beforeAll(async () => {
  bed = await startTestbed({
    statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 10 },
  });
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  const account = await bed.connect();
  await templatesServiceOf(bed.t).sync(account.id);
  // The connection test stores the account's numbers (the sender is looked up among them).
  await bed.accounts().testConnection(account.id);
  sendKey = await keyWith(['send', 'read']);
  readKey = await keyWith(['read']);
}, 60_000);
afterAll(async () => {
  await bed.close();
});

const send = (payload: object, key: string, idempotencyKey?: string) =>
  bed.t.app.inject({
    method: 'POST',
    url: '/api/v1/messages',
    headers: {
      authorization: `Bearer ${key}`,
      ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    },
    payload,
  });
const get = (id: string, key = readKey) =>
  bed.t.app.inject({
    method: 'GET',
    url: `/api/v1/messages/${id}`,
    headers: { authorization: `Bearer ${key}` },
  });
const orderFor = (to: string, orderId = 'A-1042') => ({
  to,
  phoneNumberId: SIM.phoneId,
  template: {
    name: 'order_confirmation',
    language: 'en_US',
    parameters: {
      first_name: 'Ana',
      order_id: orderId,
      ship_date: 'May 3',
      'header.order_id': orderId,
      'button.0': orderId,
    },
  },
});
const sentTo = (phone: string): number =>
  bed.sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient[phone.slice(1)] ?? 0;

describe(`POST /api/v1/messages on ${testDialect}`, () => {
  it('sends a template once for ten concurrent requests with one Idempotency-Key', async () => {
    const [to] = newNumbers(1, 8_100_001) as [string];
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send(orderFor(to), sendKey, 'order-A-1042')),
    );
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.json<ApiMessage>().id)).size).toBe(1);
    for (const a of answers.filter((x) => x.statusCode !== 201))
      expect(a.json<{ code: string }>().code).toBe('idempotency_in_progress');
    // A retry after the first finished gets its answer; the simulator saw one message.
    const retry = await send(orderFor(to), sendKey, 'order-A-1042');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<ApiMessage>().id).toBe(created[0]?.json<ApiMessage>().id);
    expect(sentTo(to)).toBe(1);
    // The same key with another body is refused and sends nothing.
    const other = await send(orderFor(to, 'A-2000'), sendKey, 'order-A-1042');
    expect(other.statusCode).toBe(409);
    expect(other.json<{ code: string }>().code).toBe('idempotency_key_reused');
    expect(sentTo(to)).toBe(1);
  });

  it('answers the message id and status, and GET shows its history up to delivered', async () => {
    const [to] = newNumbers(1, 8_100_101) as [string];
    const res = await send(orderFor(to), sendKey);
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json<ApiMessage>();
    expect(sent).toMatchObject({ to, phoneNumberId: SIM.phoneId, type: 'template' });
    expect(sent.wamid).toMatch(/^wamid\./);
    let detail: ApiMessageDetail | undefined;
    await until(async () => {
      detail = (await get(sent.id)).json<ApiMessageDetail>();
      return detail.status === 'delivered';
    }, 10_000);
    expect(detail?.history.map((h) => h.status)).toEqual(['pending', 'sent', 'delivered']);
    // The audit log names the key that sent it.
    const audit = await bed.t.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['actorType', 'action'])
      .where('targetId', '=', sent.id)
      .execute();
    expect(audit).toEqual([{ actorType: 'api_key', action: 'messages.send' }]);
  });

  it('needs the send scope, and answers 404 for an unknown message', async () => {
    const [to] = newNumbers(1, 8_100_201) as [string];
    expect((await send(orderFor(to), readKey)).statusCode).toBe(403);
    expect(sentTo(to)).toBe(0);
    expect((await get('no-such-message')).statusCode).toBe(404);
  });

  it('refuses free text outside the 24 h window and sends it inside', async () => {
    const [to] = newNumbers(1, 8_100_301) as [string];
    const text = { to, phoneNumberId: SIM.phoneId, text: { body: 'Your parcel is at the door' } };
    const closed = await send(text, sendKey);
    expect(closed.statusCode).toBe(409);
    expect(closed.json<{ code: string }>().code).toBe('window_closed');
    expect(sentTo(to)).toBe(0);
    bed.sim.control.inbound(to.slice(1), { type: 'text', text: { body: 'Where is my parcel?' } });
    await until(async () => (await send(text, sendKey)).statusCode === 201, 10_000);
    expect(sentTo(to)).toBe(1);
  });

  it('refuses a marketing template to an opted-out number, and a template parameter it lacks', async () => {
    const [to] = newNumbers(1, 8_100_401) as [string];
    const created = await bed.call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { phone: to, name: 'Bo' },
    });
    expect(created.statusCode).toBe(201);
    await bed.t.ctx.db.kysely
      .updateTable('contacts')
      .set({ marketingConsent: 'opted_out', isOptedOut: 1 })
      .where('phoneE164', '=', to)
      .execute();
    const sale = {
      to,
      phoneNumberId: SIM.phoneId,
      template: {
        name: 'summer_sale_2026',
        language: 'en_US',
        parameters: {
          '1': 'Bo',
          '2': '$25',
          '3': 'August 31',
          'header.media': 'https://example.com/sale.jpg',
          'button.0': 'summer',
        },
      },
    };
    const refused = await send(sale, sendKey);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('recipient_opted_out');
    // A utility template still reaches them (opt-outs bar marketing only).
    expect((await send(orderFor(to), sendKey)).statusCode).toBe(201);
    const typo = await send(
      { ...orderFor(to), template: { ...orderFor(to).template, parameters: { frist_name: 'x' } } },
      sendKey,
    );
    expect(typo.statusCode).toBe(400);
    expect(sentTo(to)).toBe(1);
  });
});
