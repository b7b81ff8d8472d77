import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useIntakeHarness } from './webhooks.fixture';
import { testDialect } from '../../../test/test-db';
import { recipientOf } from '../contacts/contacts.identity';
import { findMessageByWamid } from '../conversations/conversations.repo';
import { headersOf, mockGraph, type Seen } from '../../whatsapp/graph.test-support';
import { statusEnvelope, storeOutbound, TEST_CREDENTIAL } from './webhooks.testkit';

// Meta's inbound text example, vendored beside the simulator; the username variants below
// follow Meta's "Business-scoped user IDs" page (2026): `contacts[].user_id` and
// `profile.username` are added, `wa_id`/`from` are omitted when the number is withheld,
// and the message carries `from_user_id`.
const example = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../../simulator/spec/examples/webhook_inbound_text.json', import.meta.url),
    ),
    'utf8',
  ),
) as {
  entry: {
    changes: {
      value: { contacts: Record<string, unknown>[]; messages: Record<string, unknown>[] };
    }[];
  }[];
};

const PHONE_NUMBER_ID = '106000000000001';
const t = useIntakeHarness();
let seq = 0;

/** The example as a customer with a username sends it: phone present only if `waId`. */
function usernameMessage(opts: {
  userId: string;
  username: string;
  waId?: string;
  body: string;
  at: number;
}): object {
  const copy = structuredClone(example);
  const value = copy.entry[0]?.changes[0]?.value;
  if (value === undefined) throw new Error('example without a value');
  const name = (value.contacts[0]?.profile as { name: string }).name;
  value.contacts = [
    {
      profile: { name, username: opts.username },
      ...(opts.waId === undefined ? {} : { wa_id: opts.waId }),
      user_id: opts.userId,
    },
  ];
  const { from: _from, ...message } = value.messages[0] ?? {};
  value.messages = [
    {
      ...message,
      ...(opts.waId === undefined ? {} : { from: opts.waId }),
      from_user_id: opts.userId,
      id: `wamid.bsuid-${(seq += 1)}-${Date.now()}`,
      timestamp: String(opts.at),
      text: { body: opts.body },
    },
  ];
  return copy;
}

/** A `user_preferences` change naming only the BSUID (the number withheld). */
function preferenceByUserId(userId: string, value: 'stop' | 'resume', at: number): object {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: TEST_CREDENTIAL.wabaId,
        changes: [
          {
            field: 'user_preferences',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: 'Ana' }, user_id: userId }],
              user_preferences: [
                {
                  user_id: userId,
                  detail: 'User requested to stop marketing messages',
                  category: 'marketing_messages',
                  value,
                  timestamp: at,
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

async function conversationsOf(contactId: string) {
  return await t.db.kysely
    .selectFrom('conversations')
    .selectAll()
    .where('contactId', '=', contactId)
    .execute();
}

async function messagesOf(conversationId: string) {
  return await t.db.kysely
    .selectFrom('messages')
    .selectAll()
    .where('conversationId', '=', conversationId)
    .orderBy('createdAt')
    .execute();
}

describe(`customers known by username and business-scoped user id on ${testDialect}`, () => {
  it('takes in a username-only customer, replies by `recipient`, and merges when the phone number arrives', async () => {
    const userId = `US.1349120865530274${String(Date.now()).slice(-6)}`;
    const waId = `1555077${String(Date.now()).slice(-4)}`;
    const t0 = 1_767_300_000;

    // Known by phone beforehand (an earlier campaign), with an opt-in on record.
    const earlier = await storeOutbound(t.h, t.db, `wamid.before-${waId}`, waId);
    const phoneContact = await t.h.contacts.findByWaId(t.db.kysely, waId);
    if (phoneContact === undefined) throw new Error('phone contact missing');
    await t.h.contacts.recordConsent(t.db.kysely, {
      contactId: phoneContact.id,
      optedOut: false,
      at: t0 * 1000,
      source: 'form',
    });

    // 1. The customer writes with their username; Meta withholds the number.
    expect(
      (
        await t.h.post(
          usernameMessage({ userId, username: 'ana.souza', body: 'hi, any news?', at: t0 + 10 }),
        )
      ).statusCode,
    ).toBe(200);
    const byUser = await t.h.contacts.findByUserId(t.db.kysely, userId);
    expect(byUser).toMatchObject({ waId: null, username: 'ana.souza', profileName: 'Ana Souza' });
    if (byUser === undefined) throw new Error('no contact for the BSUID');
    const [thread] = await conversationsOf(byUser.id);
    expect(thread).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, unreadCount: 1 });
    expect((await messagesOf(thread?.id ?? '')).map((m) => m.text)).toEqual(['hi, any news?']);
    const ev = await t.db.kysely
      .selectFrom('webhookEvents')
      .select(['status', 'error'])
      .where('search', 'like', `% ${userId} %`)
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({ status: 'processed', error: null });

    // 2. They stop marketing messages; the preference names only the BSUID.
    await t.h.post(preferenceByUserId(userId, 'stop', t0 + 20));
    expect(await t.h.contacts.findByUserId(t.db.kysely, userId)).toMatchObject({
      isOptedOut: 1,
      optedOutAt: (t0 + 20) * 1000,
    });

    // 3. The agent replies: no phone number, so the Graph request is addressed by `recipient`.
    const recipient = recipientOf(byUser);
    expect(recipient).toEqual({ kind: 'user', userId });
    const graph = mockGraph();
    const seen: Seen[] = [];
    graph.pool
      .intercept({ path: `/v23.0/${PHONE_NUMBER_ID}/messages`, method: 'POST' })
      .reply((opts) => {
        seen.push({
          path: opts.path,
          method: opts.method,
          headers: headersOf(opts.headers),
          body: JSON.parse(String(opts.body)) as unknown,
        });
        return {
          statusCode: 200,
          data: JSON.stringify({
            messaging_product: 'whatsapp',
            contacts: [{ input: userId, user_id: userId }],
            messages: [{ id: `wamid.reply-${userId}` }],
          }),
        };
      });
    const sent = await graph.api.sendTo(PHONE_NUMBER_ID, recipient ?? { kind: 'user', userId }, {
      type: 'text',
      text: { body: 'Your parcel ships today' },
    });
    await graph.client.close();
    expect(seen[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient: userId,
      type: 'text',
      text: { body: 'Your parcel ships today' },
    });
    const replyWamid = sent.messages[0]?.id ?? '';
    await t.h.conversations.recordOutbound(t.db.kysely, {
      accountId: TEST_CREDENTIAL.accountId,
      phoneNumberId: PHONE_NUMBER_ID,
      contactId: byUser.id,
      wamid: replyWamid,
      type: 'text',
      text: 'Your parcel ships today',
      payload: seen[0]?.body,
    });
    // Its status names only the BSUID (`recipient_user_id`, no `recipient_id`).
    await t.h.post(
      statusEnvelope([
        {
          id: replyWamid,
          status: 'delivered',
          timestamp: String(t0 + 30),
          recipient_user_id: userId,
        },
      ]),
    );
    expect((await findMessageByWamid(t.db.kysely, replyWamid))?.status).toBe('delivered');

    // 4. The number is revealed: one contact (the phone's), one history.
    await t.h.post(
      usernameMessage({ userId, username: 'ana.souza', waId, body: 'thanks!', at: t0 + 40 }),
    );
    expect(await t.h.contacts.get(t.db.kysely, byUser.id)).toBeUndefined();
    const merged = await t.h.contacts.findByWaId(t.db.kysely, waId);
    expect(merged).toMatchObject({
      id: phoneContact.id,
      userId,
      username: 'ana.souza',
      // The BSUID's stop (t0+20) is newer than the phone's opt-in (t0): it wins.
      isOptedOut: 1,
      optedOutAt: (t0 + 20) * 1000,
      optOutSource: 'user_preferences:marketing_messages',
    });
    const threads = await conversationsOf(phoneContact.id);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.id).toBe(earlier.conversationId);
    // Unread: one from the username message, one from the last; window from the last.
    expect(threads[0]).toMatchObject({
      unreadCount: 2,
      windowExpiresAt: (t0 + 40) * 1000 + 24 * 3600 * 1000,
    });
    const history = await messagesOf(earlier.conversationId);
    expect(history.map((m) => m.wamid)).toEqual(
      expect.arrayContaining([`wamid.before-${waId}`, replyWamid]),
    );
    expect(history.map((m) => m.text)).toEqual(
      expect.arrayContaining(['hi, any news?', 'Your parcel ships today', 'thanks!']),
    );
    expect(history).toHaveLength(4);
    expect(new Set(history.map((m) => m.contactId))).toEqual(new Set([phoneContact.id]));
    const leftovers = await t.db.kysely
      .selectFrom('conversations')
      .select('id')
      .where('contactId', '=', byUser.id)
      .execute();
    expect(leftovers).toEqual([]);
    // A later reply goes by phone number, as Meta recommends.
    expect(recipientOf(merged ?? { waId: null, userId: null })).toEqual({ kind: 'phone', waId });
  });

  it('gives a BSUID-only contact its phone number in place when no phone contact exists', async () => {
    const userId = `BR.1502576394655843${String(Date.now()).slice(-5)}`;
    const waId = `5511987${String(Date.now()).slice(-6)}`;
    await t.h.post(usernameMessage({ userId, username: 'bea', body: 'olá', at: 1_767_400_000 }));
    const before = await t.h.contacts.findByUserId(t.db.kysely, userId);
    await t.h.post(
      usernameMessage({ userId, username: 'bea', waId, body: 'de novo', at: 1_767_400_100 }),
    );
    const after = await t.h.contacts.findByWaId(t.db.kysely, waId);
    expect(after).toMatchObject({ id: before?.id, userId, username: 'bea' });
    expect(after?.phoneE164).toBe(`+${waId}`);
    const [thread] = await conversationsOf(after?.id ?? '');
    expect((await messagesOf(thread?.id ?? '')).map((m) => m.text)).toEqual(['olá', 'de novo']);
  });

  it('moves the thread of a BSUID-only contact to a phone contact that had none', async () => {
    const userId = `US.44${Date.now()}`;
    const waId = `1555044${String(Date.now()).slice(-4)}`;
    // Known by phone only through an opt-in form: no conversation yet.
    const phoneId = await t.h.contacts.recordConsent(t.db.kysely, {
      waId,
      userId: null,
      optedOut: false,
      at: 1_767_470_000_000,
      source: 'form',
    });
    await t.h.post(usernameMessage({ userId, username: 'fay', body: 'first', at: 1_767_470_010 }));
    const bsuid = await t.h.contacts.findByUserId(t.db.kysely, userId);
    const [thread] = await conversationsOf(bsuid?.id ?? '');
    await t.h.post(
      usernameMessage({ userId, username: 'fay', waId, body: 'second', at: 1_767_470_020 }),
    );
    const threads = await conversationsOf(phoneId);
    expect(threads.map((t) => t.id)).toEqual([thread?.id]);
    expect((await messagesOf(thread?.id ?? '')).map((m) => [m.text, m.contactId])).toEqual([
      ['first', phoneId],
      ['second', phoneId],
    ]);
    expect(await t.h.contacts.get(t.db.kysely, bsuid?.id ?? '')).toBeUndefined();
  });

  it('learns the phone number from the contacts of a delivered status (BSUID send)', async () => {
    const userId = `US.55${Date.now()}`;
    const waId = `1555088${String(Date.now()).slice(-4)}`;
    await t.h.post(usernameMessage({ userId, username: 'dee', body: 'hello', at: 1_767_450_000 }));
    const contact = await t.h.contacts.findByUserId(t.db.kysely, userId);
    const reply = `wamid.reveal-${userId}`;
    await t.h.conversations.recordOutbound(t.db.kysely, {
      accountId: TEST_CREDENTIAL.accountId,
      phoneNumberId: PHONE_NUMBER_ID,
      contactId: contact?.id ?? '',
      wamid: reply,
      type: 'text',
      text: 'hi dee',
      payload: {},
    });
    const body = statusEnvelope([
      { id: reply, status: 'delivered', timestamp: '1767450100', recipient_user_id: userId },
    ]) as { entry: { changes: { value: Record<string, unknown> }[] }[] };
    const value = body.entry[0]?.changes[0]?.value;
    if (value !== undefined)
      value.contacts = [
        { profile: { name: 'Dee', username: 'dee' }, wa_id: waId, user_id: userId },
      ];
    await t.h.post(body);
    expect(await t.h.contacts.findByWaId(t.db.kysely, waId)).toMatchObject({
      id: contact?.id,
      userId,
      phoneE164: `+${waId}`,
    });
    expect((await findMessageByWamid(t.db.kysely, reply))?.status).toBe('delivered');
  });

  it('keeps a STOP when the same delivery also merges its contact into the phone’s', async () => {
    const userId = `US.66${Date.now()}`;
    const waId = `1555099${String(Date.now()).slice(-4)}`;
    await storeOutbound(t.h, t.db, `wamid.pre-${userId}`, waId);
    const stop = usernameMessage({ userId, username: 'eve', body: 'STOP', at: 1_767_460_000 });
    const reveal = usernameMessage({
      userId,
      username: 'eve',
      waId,
      body: 'ok',
      at: 1_767_460_010,
    });
    type Body = { entry: { changes: unknown[] }[] };
    const batch = structuredClone(stop) as Body;
    batch.entry[0]?.changes.push(...((reveal as Body).entry[0]?.changes ?? []));
    expect((await t.h.post(batch)).statusCode).toBe(200);
    expect(await t.h.contacts.findByWaId(t.db.kysely, waId)).toMatchObject({
      userId,
      isOptedOut: 1,
      optOutSource: 'keyword:STOP',
    });
    expect(await t.h.contacts.findByUserId(t.db.kysely, userId)).toMatchObject({ waId });
  });

  it('records a STOP typed by a username-only customer on that contact, with the message as evidence', async () => {
    const userId = `US.77${Date.now()}`;
    await t.h.post(usernameMessage({ userId, username: 'cy', body: 'STOP', at: 1_767_500_000 }));
    const contact = await t.h.contacts.findByUserId(t.db.kysely, userId);
    const [thread] = await conversationsOf(contact?.id ?? '');
    const [stop] = await messagesOf(thread?.id ?? '');
    expect(contact).toMatchObject({
      isOptedOut: 1,
      optOutSource: 'keyword:STOP',
      consentMessageId: stop?.id,
    });
  });
});
