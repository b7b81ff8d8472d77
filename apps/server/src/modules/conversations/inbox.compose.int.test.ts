import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationList, InboxMessage, Thread } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import {
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';

// The inbox composer against the simulator: template replies with typed parameters.

const DAY = 24 * 60 * 60 * 1000;
const ADA = '16505550201';
const BOB = '16505550202';
const AGENT = 'compose-agent';
const PASSWORD = 'correct horse battery';

let bed: WhatsAppTestbed;
let agent: SignedIn;
let accountId = '';
let seq = 0;

beforeAll(async () => {
  bed = await startTestbed(
    {
      statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 5 },
    },
    {},
    { clock: (sim) => ({ now: () => sim.control.clockNow() }) },
  );
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  accountId = (await bed.connect()).id;
  await authOf(bed.t).users.create(
    { username: AGENT, password: PASSWORD, role: 'agent' },
    systemActor,
  );
  agent = await signIn(bed.t, AGENT, PASSWORD);
  bed.sim.control.upsertCustomer({ waId: ADA, name: 'Ada Lovelace' });
  bed.sim.control.upsertCustomer({ waId: BOB, name: 'Bob Builder' });
  await templatesServiceOf(bed.t).sync(accountId);
}, 60_000);
afterAll(async () => {
  await bed.close();
}, 30_000);

async function settle(): Promise<void> {
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
}

const asAgent = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  bed.t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: agent.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const clientId = () => `compose-${Date.now()}-${(seq += 1)}`;

async function conversationOf(waId: string): Promise<string> {
  const res = await asAgent('GET', '/conversations?limit=100');
  const found = res
    .json<ConversationList>()
    .conversations.find((c) => c.contact.phoneE164 === `+${waId}`);
  if (found === undefined) throw new Error(`no conversation with ${waId}`);
  return found.id;
}

async function templateId(name: string): Promise<string> {
  const found = (await templatesServiceOf(bed.t).list({})).find((t) => t.name === name);
  if (found === undefined) throw new Error(`${name} not synced`);
  return found.id;
}

describe(`the inbox composer on ${testDialect}`, () => {
  it('sends a template with typed parameters after the window closed, refusing a wrong count or an empty value', async () => {
    bed.sim.control.inbound(ADA, { type: 'text', text: { body: 'Can I move my visit?' } });
    await settle();
    const id = await conversationOf(ADA);
    bed.sim.control.advanceClock(DAY + 1000);
    agent = await signIn(bed.t, AGENT, PASSWORD);
    const closed = await asAgent('POST', `/conversations/${id}/replies`, {
      clientId: clientId(),
      text: 'Sure',
    });
    expect(closed.json<{ code: string }>().code).toBe('window_closed');

    // appointment_reminder: "Hi {{name}}, this is a reminder of your appointment on {{date}}."
    const reminder = await templateId('appointment_reminder');
    const send = (parameters: Record<string, string>) =>
      asAgent('POST', `/conversations/${id}/template-replies`, {
        clientId: clientId(),
        templateId: reminder,
        parameters,
      });
    const missing = await send({ 'body.name': 'Ada' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ details: unknown }>().details).toEqual([
      { slot: 'body.date', code: 'missing' },
    ]);
    const empty = await send({ 'body.name': 'Ada', 'body.date': '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ details: unknown }>().details).toEqual([
      { slot: 'body.date', code: 'empty' },
    ]);
    const extra = await send({ 'body.name': 'Ada', 'body.date': 'Friday', 'body.3': 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json<{ details: unknown }>().details).toEqual([
      { slot: 'body.3', code: 'unknown' },
    ]);
    expect(
      bed.sim.control.conversation(ADA).filter((e) => e.direction === 'outbound'),
    ).toHaveLength(0);

    const ok = await send({ 'body.name': 'Ada', 'body.date': 'Friday 10:00' });
    expect(ok.statusCode, ok.body).toBe(201);
    const sent = ok.json<{ message: InboxMessage }>().message;
    expect(sent).toMatchObject({ type: 'template', text: 'appointment_reminder' });
    await settle();
    const outbound = bed.sim.control.conversation(ADA).filter((e) => e.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]?.text).toContain(
      'Hi Ada, this is a reminder of your appointment on Friday 10:00.',
    );
    const thread = (await asAgent('GET', `/conversations/${id}/messages`)).json<Thread>();
    expect(thread.messages.find((m) => m.id === sent.id)?.status).toBe('delivered');
  });

  it("sends the agent's reaction to a customer's message with Meta's reaction type and shows it on the message", async () => {
    bed.sim.control.inbound(BOB, { type: 'text', text: { body: 'My parcel arrived!' } });
    await settle();
    const id = await conversationOf(BOB);
    const before = (await asAgent('GET', `/conversations/${id}/messages`)).json<Thread>();
    const asked = before.messages.at(-1);
    if (asked === undefined) throw new Error('no message');
    const react = (messageId: string, emoji: string) =>
      asAgent('POST', `/conversations/${id}/messages/${messageId}/reactions`, {
        clientId: clientId(),
        emoji,
      });
    expect((await react('no-such-message', '👍')).statusCode).toBe(404);
    const res = await react(asked.id, '👍');
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    const outbound = bed.sim.control.conversation(BOB).filter((e) => e.direction === 'outbound');
    expect(outbound.map((e) => e.type)).toEqual(['reaction']);
    const after = (await asAgent('GET', `/conversations/${id}/messages`)).json<Thread>();
    // The reaction is shown on the message it answers, not as a message of its own.
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.messages.find((m) => m.id === asked.id)?.reactions).toEqual([
      { direction: 'out', emoji: '👍' },
    ]);
    // An empty emoji removes the reaction.
    expect((await react(asked.id, '')).statusCode).toBe(201);
    await settle();
    const removed = (await asAgent('GET', `/conversations/${id}/messages`)).json<Thread>();
    expect(removed.messages.find((m) => m.id === asked.id)?.reactions).toEqual([]);
  });
});
