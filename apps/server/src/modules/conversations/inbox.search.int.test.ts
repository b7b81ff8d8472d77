import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationList } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { authOf, userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { emptyMessage } from './conversations.service';

// The inbox's search through its trigram indexes (FTS5 on SQLite, pg_trgm on PostgreSQL):
// substrings of message text in any script, names and numbers, the query taken literally,
// short queries, the caller's access, and erasure leaving nothing findable.

let t: TestApp;
let agent: SignedIn;
let viewer: SignedIn;
let at = Date.UTC(2026, 11, 1, 9);

/** A contact with one conversation and these messages (the last one newest). */
async function person(
  name: string,
  phone: string,
  texts: readonly string[],
  opts: { assignedUserId?: string; profileName?: string } = {},
): Promise<{ contactId: string; conversationId: string }> {
  const k = t.ctx.db.kysely;
  const contactId = randomUUID();
  const conversationId = randomUUID();
  at += 60_000;
  await k
    .insertInto('contacts')
    .values({
      id: contactId,
      waId: phone.slice(1),
      phoneE164: phone,
      name,
      profileName: opts.profileName ?? null,
      attributes: '{}',
      isOptedOut: 0,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await k
    .insertInto('conversations')
    .values({
      id: conversationId,
      phoneNumberId: 'PN1',
      accountId: null,
      contactId,
      lastMessageAt: at + texts.length,
      lastInboundAt: at,
      windowExpiresAt: null,
      unreadCount: 0,
      assignedUserId: opts.assignedUserId ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  for (const [i, text] of texts.entries())
    await k
      .insertInto('messages')
      .values({
        ...emptyMessage(),
        id: randomUUID(),
        conversationId,
        contactId,
        accountId: null,
        phoneNumberId: 'PN1',
        wamid: `wamid.${randomUUID()}`,
        direction: i % 2 === 0 ? 'in' : 'out',
        type: 'text',
        text,
        payload: '{}',
        status: i % 2 === 0 ? 'received' : 'sent',
        createdAt: at + i + 1,
        updatedAt: at + i + 1,
      })
      .execute();
  return { contactId, conversationId };
}

async function search(q: string, as: SignedIn = agent, extra = ''): Promise<string[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/conversations?limit=100&q=${encodeURIComponent(q)}${extra}`,
    headers: as.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ConversationList>().conversations.map((c) => c.contact.name ?? '');
}

let ada: { contactId: string; conversationId: string };
let dariush: { contactId: string; conversationId: string };

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'silent' });
  agent = await userWithRole(t, 'agent');
  viewer = await userWithRole(t, 'viewer');
  ada = await person('Ada Lovelace', '+16505550101', ['Where is my parcel?', 'It shipped']);
  await person('Bob Builder', '+16505550102', ['Hello there', 'We are 50% off today'], {
    assignedUserId: agent.userId,
  });
  dariush = await person('داریوش', '+989121234567', ['سلام، سفارش من کجاست؟'], {
    profileName: 'Dariush K',
  });
  await person('Eve Example', '+4915112345678', ['price 50 USD_net', 'quote "gold" plan'], {
    assignedUserId: agent.userId,
  });
}, 60_000);
afterAll(async () => {
  await t.close();
}, 30_000);

describe(`inbox search on ${testDialect}`, () => {
  it('finds a substring of message text, ignoring case, newest activity first', async () => {
    expect(await search('PARCEL')).toEqual(['Ada Lovelace']);
    expect(await search('arce')).toEqual(['Ada Lovelace']);
    expect(await search('hip')).toEqual(['Ada Lovelace']);
    expect(await search('ell')).toEqual(['Bob Builder']);
    expect(await search('nothing like this')).toEqual([]);
  });

  it('finds by name, profile name and number (with or without the +, any part of it)', async () => {
    expect(await search('lovelace')).toEqual(['Ada Lovelace']);
    expect(await search('Builder')).toEqual(['Bob Builder']);
    expect(await search('dariush')).toEqual(['داریوش']);
    expect(await search('+16505550102')).toEqual(['Bob Builder']);
    expect(await search('5550101')).toEqual(['Ada Lovelace']);
    expect(await search('6505550')).toEqual(['Bob Builder', 'Ada Lovelace']);
  });

  it('finds non-Latin text, in messages and names', async () => {
    expect(await search('سفارش')).toEqual(['داریوش']);
    expect(await search('کجاست')).toEqual(['داریوش']);
    expect(await search('داریوش')).toEqual(['داریوش']);
    expect(await search('سفارش تو')).toEqual([]);
  });

  it('takes LIKE wildcards, quotes and FTS operators literally', async () => {
    expect(await search('50%')).toEqual(['Bob Builder']);
    expect(await search('0% o')).toEqual(['Bob Builder']);
    expect(await search('USD_net')).toEqual(['Eve Example']);
    expect(await search('USDxnet')).toEqual([]);
    expect(await search('%%%')).toEqual([]);
    expect(await search('___')).toEqual([]);
    expect(await search('"gold"')).toEqual(['Eve Example']);
    expect(await search('gold" OR "parcel')).toEqual([]);
    expect(await search('NEAR(')).toEqual([]);
    expect(await search('50 *')).toEqual([]);
  });

  it('searches short queries (under three characters) by the start of a name or number only', async () => {
    // "It shipped" holds "It", but message text needs three characters.
    expect(await search('It')).toEqual([]);
    expect(await search('Ad')).toEqual(['Ada Lovelace']);
    // The start of a word of the name.
    expect(await search('Lo')).toEqual(['Ada Lovelace']);
    expect(await search('ve')).toEqual([]);
    expect(await search('49')).toEqual(['Eve Example']);
    expect(await search('+9')).toEqual(['داریوش']);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it("keeps the caller's access and filters: mine, and who may read at all", async () => {
    // Bob's and Eve's conversations are the agent's; Ada's is nobody's.
    expect(await search('ce 50', agent, '&assigned=mine')).toEqual(['Eve Example']);
    expect(await search('0% off', agent, '&assigned=mine')).toEqual(['Bob Builder']);
    expect(await search('ce 50', viewer, '&assigned=mine')).toEqual([]);
    expect(await search('ce 50', viewer)).toEqual(['Eve Example']);
    expect(await search('parcel', viewer)).toEqual(['Ada Lovelace']);
    expect(await search('parcel', agent, '&assigned=unassigned')).toEqual(['Ada Lovelace']);
    expect(await search('parcel', agent, '&assigned=mine')).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/conversations?q=parcel' });
    expect(anonymous.statusCode).toBe(401);
    const by = { actor: { type: 'system' as const }, ip: null, userAgent: null };
    const send = await authOf(t).apiKeys.create({ name: 'send', scopes: ['send'] }, by);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?q=parcel',
      headers: { authorization: `Bearer ${send.secret}` },
    });
    expect(refused.statusCode).toBe(403);
    const read = await authOf(t).apiKeys.create({ name: 'read', scopes: ['read'] }, by);
    const allowed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?q=parcel',
      headers: { authorization: `Bearer ${read.secret}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json<ConversationList>().conversations.map((c) => c.id)).toEqual([
      ada.conversationId,
    ]);
  });

  it('finds a message whose text changed by its new text only', async () => {
    const k = t.ctx.db.kysely;
    const { conversationId } = await person('Frank Edit', '+4915199999999', ['first draft']);
    expect(await search('draft')).toEqual(['Frank Edit']);
    await k
      .updateTable('messages')
      .set({ text: 'final version' })
      .where('conversationId', '=', conversationId)
      .execute();
    expect(await search('draft')).toEqual([]);
    expect(await search('final vers')).toEqual(['Frank Edit']);
  });

  it('finds nothing of an erased person: their messages, name and number leave the index', async () => {
    expect(await search('کجاست')).toEqual(['داریوش']);
    const privacy = t.modules.find((m) => m.name === 'privacy') as PrivacyModule;
    await privacy.contactErasure.erase([dariush.contactId], { suppress: false }, async () => null);
    expect(await search('کجاست')).toEqual([]);
    expect(await search('سفارش')).toEqual([]);
    expect(await search('داریوش')).toEqual([]);
    expect(await search('Dariush')).toEqual([]);
    expect(await search('9121234567')).toEqual([]);
    expect(await search('+98')).toEqual([]);
    // The others are still found.
    expect(await search('parcel')).toEqual(['Ada Lovelace']);
    if (testDialect === 'sqlite') {
      // The index itself holds no term of the erased text (secure-delete), not only no row.
      const { sql } = await import('kysely');
      const r = await sql<{ n: number }>`
        select count(*) as n from messages_fts where messages_fts match ${'"کجاست"'}`.execute(
        t.ctx.db.kysely,
      );
      expect(Number(r.rows[0]?.n)).toBe(0);
    }
  });
});
