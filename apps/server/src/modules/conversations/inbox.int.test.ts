import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationList, InboxMessage, Thread } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';

// The shared inbox against the simulator, panel and simulator on one clock: the list's
// filters, search, unread counts, the team's actions, and replies through the Sender.

const DAY = 24 * 60 * 60 * 1000;
const ADA = '16505550101';
const BOB = '16505550102';
const EVE = '16505550103';

let bed: WhatsAppTestbed;
let agent: SignedIn;
let seq = 0;
let accountId = '';
const AGENT = 'inbox-agent';
const PASSWORD = 'correct horse battery';

/** Moves both clocks on; the agent signs in again (the session's idle time ran out). */
async function jump(ms: number): Promise<void> {
  bed.sim.control.advanceClock(ms);
  agent = await signIn(bed.t, AGENT, PASSWORD);
}

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
  bed.sim.control.upsertCustomer({ waId: EVE, name: 'Eve Example' });
}, 60_000);
afterAll(async () => {
  await bed.close();
}, 30_000);

async function settle(): Promise<void> {
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
}

async function write(waId: string, body: string): Promise<void> {
  // Meta's timestamps are in seconds: two seconds apart, the order of activity is certain.
  bed.sim.control.advanceClock(2000);
  bed.sim.control.inbound(waId, { type: 'text', text: { body } });
  await settle();
}

const asAgent = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  bed.t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: agent.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function list(query = ''): Promise<ConversationList> {
  const res = await asAgent('GET', `/conversations${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ConversationList>();
}

async function thread(id: string): Promise<Thread> {
  const res = await asAgent('GET', `/conversations/${id}/messages`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Thread>();
}

async function idOf(waId: string): Promise<string> {
  const found = (await list('?limit=100')).conversations.find(
    (c) => c.contact.phoneE164 === `+${waId}`,
  );
  if (found === undefined) throw new Error(`no conversation with ${waId}`);
  return found.id;
}

const clientId = () => `client-${Date.now()}-${(seq += 1)}`;

async function reply(id: string, text: string, extra: Record<string, unknown> = {}) {
  return asAgent('POST', `/conversations/${id}/replies`, { clientId: clientId(), text, ...extra });
}

async function messageIn(id: string, messageId: string): Promise<InboxMessage> {
  const found = (await thread(id)).messages.find((m) => m.id === messageId);
  if (found === undefined) throw new Error(`message ${messageId} not in the thread`);
  return found;
}

describe(`the shared inbox on ${testDialect}`, () => {
  it('lists one conversation per contact, newest first, with unread counts, search and paging', async () => {
    await write(ADA, 'Where is my parcel?');
    await write(BOB, 'Hello there');
    await write(ADA, 'It was due yesterday');

    const all = await list();
    const names = all.conversations.map((c) => c.contact.profileName);
    expect(names.slice(0, 2)).toEqual(['Ada Lovelace', 'Bob Builder']);
    const ada = all.conversations[0];
    expect(ada?.unreadCount).toBe(2);
    expect(ada?.lastMessage).toMatchObject({ direction: 'in', text: 'It was due yesterday' });
    expect(ada?.window.open).toBe(true);
    expect(ada?.state).toBe('open');

    expect((await list('?q=builder')).conversations.map((c) => c.contact.profileName)).toEqual([
      'Bob Builder',
    ]);
    expect((await list('?q=PARCEL')).conversations.map((c) => c.contact.profileName)).toEqual([
      'Ada Lovelace',
    ]);
    expect((await list(`?q=${BOB.slice(-4)}`)).conversations).toHaveLength(1);
    expect((await list(`?phoneNumberId=${SIM.phoneId}`)).conversations.length).toBe(2);
    expect((await list('?phoneNumberId=other')).conversations).toEqual([]);

    const first = await list('?limit=1');
    expect(first.conversations).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?limit=1&cursor=${first.nextCursor ?? ''}`);
    expect(second.conversations.map((c) => c.contact.profileName)).toEqual(['Bob Builder']);
    expect(second.nextCursor).toBeNull();

    const read = await asAgent('POST', `/conversations/${ada?.id ?? ''}/read`);
    expect(read.statusCode).toBe(200);
    expect((await list('?q=ada')).conversations[0]?.unreadCount).toBe(0);
  });

  it('assigns, labels, notes, closes and snoozes, each audited; the customer writing reopens', async () => {
    const id = await idOf(BOB);
    expect(
      (await asAgent('PUT', `/conversations/${id}/assignee`, { userId: agent.userId })).statusCode,
    ).toBe(200);
    expect((await list('?assigned=mine')).conversations.map((c) => c.id)).toEqual([id]);
    expect((await list('?assigned=unassigned')).conversations.map((c) => c.id)).not.toContain(id);
    const missing = await asAgent('PUT', `/conversations/${id}/assignee`, { userId: 'nobody' });
    expect(missing.statusCode).toBe(404);

    await asAgent('POST', `/conversations/${id}/labels`, { label: 'billing' });
    await asAgent('POST', `/conversations/${id}/labels`, { label: 'vip' });
    expect((await list('?label=billing')).conversations.map((c) => c.id)).toEqual([id]);
    expect((await list('?label=billing')).conversations[0]?.labels).toEqual(['billing', 'vip']);
    expect((await asAgent('DELETE', `/conversations/${id}/labels/billing`)).statusCode).toBe(200);
    expect((await list('?label=billing')).conversations).toEqual([]);

    const note = await asAgent('POST', `/conversations/${id}/notes`, { text: 'Call him back' });
    expect(note.statusCode, note.body).toBe(201);
    const t = await thread(id);
    expect(t.messages.at(-1)).toMatchObject({
      kind: 'note',
      text: 'Call him back',
      authorUserId: agent.userId,
    });
    // A note is never sent: the simulator's phone saw only Bob's own message.
    expect(bed.sim.control.conversation(BOB).filter((e) => e.direction === 'outbound')).toEqual([]);

    await asAgent('PUT', `/conversations/${id}/state`, { state: 'closed' });
    expect((await list('?state=closed')).conversations.map((c) => c.id)).toEqual([id]);
    expect((await list('?state=open')).conversations.map((c) => c.id)).not.toContain(id);
    await write(BOB, 'Anyone?');
    expect((await list('?state=open')).conversations.map((c) => c.id)).toContain(id);

    const until = bed.sim.control.clockNow() + 60 * 60 * 1000;
    await asAgent('POST', `/conversations/${id}/snooze`, { until });
    expect((await list('?state=snoozed')).conversations[0]).toMatchObject({
      id,
      snoozedUntil: until,
    });
    await jump(61 * 60 * 1000);
    const inbox = bed.t.modules.find((m) => m.name === 'inbox') as unknown as {
      inbox: { wakeSnoozed(): Promise<number> };
    };
    expect(await inbox.inbox.wakeSnoozed()).toBe(1);
    expect((await list('?state=open')).conversations.map((c) => c.id)).toContain(id);

    const audit = await bed.t.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['action'])
      .where('targetId', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'conversation.assign',
      'conversation.label_add',
      'conversation.label_add',
      'conversation.label_remove',
      'conversation.close',
      'conversation.snooze',
    ]);
  });

  it('replies with text through the Sender: sending, then delivered; a repeated client id sends once; a quoted reply', async () => {
    await write(EVE, 'Do you ship to Lisbon?');
    const id = await idOf(EVE);
    const asked = (await thread(id)).messages.at(-1);
    const cid = clientId();
    const body = { clientId: cid, text: 'Yes, in 3 days.', replyToMessageId: asked?.id };
    const first = await asAgent('POST', `/conversations/${id}/replies`, body);
    expect(first.statusCode, first.body).toBe(201);
    const sent = first.json<{ message: InboxMessage }>().message;
    expect(sent).toMatchObject({ direction: 'out', text: 'Yes, in 3 days.', status: 'pending' });
    expect(sent.wamid).not.toBeNull();
    const again = await asAgent('POST', `/conversations/${id}/replies`, body);
    expect(again.json<{ message: InboxMessage }>().message.id).toBe(sent.id);
    await settle();
    const outbound = bed.sim.control.conversation(EVE).filter((e) => e.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    const stored = await messageIn(id, sent.id);
    expect(stored.status).toBe('delivered');
    expect(stored.replyTo).toMatchObject({ id: asked?.id, text: 'Do you ship to Lisbon?' });
  });

  it('refuses a suppressed recipient before anything is stored or sent', async () => {
    const id = await idOf(ADA);
    const privacy = bed.t.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.suppression.suppress([`+${ADA}`], 'deletion', null);
    const before = (await thread(id)).messages.length;
    const res = await reply(id, 'Hello?');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('recipient_suppressed');
    expect((await thread(id)).messages).toHaveLength(before);
  });

  it('refuses free text after the window closed, and explains a 131047 from Meta on the message', async () => {
    const id = await idOf(EVE);
    await jump(DAY + 1000);
    const closed = await reply(id, 'Still there?');
    expect(closed.statusCode).toBe(409);
    expect(closed.json<{ code: string }>().code).toBe('window_closed');
    expect((await list('?q=eve')).conversations[0]?.window.open).toBe(false);

    // A template goes at any time, rendered by the templates module, through the Sender.
    const templates = templatesServiceOf(bed.t);
    await templates.sync(accountId);
    const hello = (await templates.list({})).find((t) => t.name === 'hello_world');
    if (hello === undefined) throw new Error('hello_world not synced');
    const tpl = await asAgent('POST', `/conversations/${id}/template-replies`, {
      clientId: clientId(),
      templateId: hello.id,
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const tplMessage = tpl.json<{ message: InboxMessage }>().message;
    expect(tplMessage).toMatchObject({ type: 'template', text: 'hello_world' });
    await settle();
    expect((await messageIn(id, tplMessage.id)).status).toBe('delivered');

    // Our clock says open (as after a clock skew), Meta's says closed: its 131047 is stored.
    await bed.t.ctx.db.kysely
      .updateTable('conversations')
      .set({ windowExpiresAt: bed.sim.control.clockNow() + DAY })
      .where('id', '=', id)
      .execute();
    const res = await reply(id, 'Still there?');
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json<{ message: InboxMessage }>().message;
    await settle();
    const failed = await messageIn(id, sent.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 131047, kind: 'window_closed' });

    const retried = await asAgent('POST', `/conversations/${id}/messages/${sent.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json<{ message: InboxMessage }>().message).toMatchObject({
      id: sent.id,
      status: 'pending',
      error: null,
    });
    // Meta's window is still closed: the retry fails the same way, explained again.
    await settle();
    expect((await messageIn(id, sent.id)).error?.code).toBe(131047);
  });
});
