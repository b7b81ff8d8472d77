import { systemActor } from '../audit/audit.service';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useIntakeHarness } from './webhooks.fixture';
import { testDialect } from '../../../test/test-db';
import { findMessageByWamid } from '../conversations/conversations.repo';
import { parseStatus } from '../conversations/conversations.service';
import {
  createIntakeHarness,
  inboundEnvelope,
  statusEnvelope,
  storeOutbound,
  TEST_CREDENTIAL,
} from './webhooks.testkit';

const t = useIntakeHarness();
let seq = 0;
const wamid = () => `wamid.test-${Date.now()}-${(seq += 1)}`;
const ts = (s: number) => String(1_767_000_000 + s);

async function eventCount(): Promise<number> {
  const r = await t.db.kysely
    .selectFrom('webhookEvents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe(`webhook verification on ${testDialect}`, () => {
  it('answers the GET handshake with the challenge for a known verify token, 403 otherwise', async () => {
    const ok = await t.h.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${TEST_CREDENTIAL.verifyToken}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await t.h.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    expect(bad.statusCode).toBe(403);
  });

  it('refuses a missing or wrong signature with 401, stores nothing and counts it', async () => {
    const before = await eventCount();
    const body = statusEnvelope([
      { id: wamid(), status: 'sent', timestamp: ts(1), recipient_id: '15550002222' },
    ]);
    expect((await t.h.post(body, null)).statusCode).toBe(401);
    expect((await t.h.post(body, `sha256=${'0'.repeat(64)}`)).statusCode).toBe(401);
    expect((await t.h.post(body, 'sha1=abc')).statusCode).toBe(401);
    // Signed with another app's secret.
    const { signBody } = await import('./webhooks.signature');
    expect(
      (await t.h.post(body, signBody(JSON.stringify(body), 'someone_elses_secret'))).statusCode,
    ).toBe(401);
    expect(await eventCount()).toBe(before);
    expect(t.h.signatureFailures).toHaveLength(4);
    expect(t.h.signatureFailures[0]?.accountId).toBe(TEST_CREDENTIAL.accountId);
    expect(t.h.service.stats().signatureFailures).toBe(4);
  });

  it('verifies the signature over the raw bytes, escaped unicode included (NOTES §3.3 test vector)', async () => {
    const raw =
      '{"object":"whatsapp_business_account","entry":[{"id":"102000000000001","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"106000000000001"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\ud83d\\ude00"},"wa_id":"15550007777"}],"messages":[{"from":"15550007777","id":"wamid.unicode-1","timestamp":"1767230000","type":"text","text":{"body":"gr\\u00fc\\u00df dich"}}]}}]}]}';
    const res = await t.h.post(raw);
    expect(res.statusCode).toBe(200);
    const msg = await findMessageByWamid(t.db.kysely, 'wamid.unicode-1');
    expect(msg?.text).toBe('grüß dich');
  });
});

describe(`webhook intake and status pipeline on ${testDialect}`, () => {
  it('advances a stored message sent → delivered → read and keeps pricing and conversation', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const pricing = {
      billable: true,
      pricing_model: 'PMP',
      category: 'marketing',
      type: 'regular',
    };
    const conversation = {
      id: 'conv-1',
      expiration_timestamp: ts(86_400),
      origin: { type: 'marketing' },
    };
    expect(
      (
        await t.h.post(
          statusEnvelope([
            {
              id,
              status: 'sent',
              timestamp: ts(1),
              recipient_id: '15550002222',
              pricing,
              conversation,
            },
          ]),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.h.post(
          statusEnvelope([
            { id, status: 'delivered', timestamp: ts(2), recipient_id: '15550002222', pricing },
          ]),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.h.post(
          statusEnvelope([{ id, status: 'read', timestamp: ts(3), recipient_id: '15550002222' }]),
        )
      ).statusCode,
    ).toBe(200);
    const msg = await findMessageByWamid(t.db.kysely, id);
    expect(msg).toMatchObject({
      status: 'read',
      sentAt: Number(ts(1)) * 1000,
      deliveredAt: Number(ts(2)) * 1000,
      readAt: Number(ts(3)) * 1000,
      pricingModel: 'PMP',
      pricingCategory: 'marketing',
      pricingBillable: 1,
      metaConversationId: 'conv-1',
      metaConversationOrigin: 'marketing',
      metaConversationExpiresAt: Number(ts(86_400)) * 1000,
    });
    const published = t.h.events
      .filter((e) => e.name === 'messages.status')
      .map((e) => (e.payload as { status: string }).status);
    expect(published).toEqual(['sent', 'delivered', 'read']);
  });

  it('stores a redelivered body once and applies a repeated (id, status) once', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const body = statusEnvelope([
      { id, status: 'delivered', timestamp: ts(5), recipient_id: '15550002222' },
    ]);
    const before = await eventCount();
    const results = await Promise.all([t.h.post(body), t.h.post(body), t.h.post(body)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await eventCount()).toBe(before + 1);
    // Same (id, status) in a different body: stored (a new delivery) but changes nothing.
    await t.h.post(
      statusEnvelope([
        { id, status: 'delivered', timestamp: ts(5), recipient_id: '15550002222', extra: 1 },
      ]),
    );
    expect(await eventCount()).toBe(before + 2);
    expect(t.h.events.filter((e) => e.name === 'messages.status')).toHaveLength(1);
  });

  it('never moves backwards and fills delivered when read comes first', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    await t.h.post(
      statusEnvelope([{ id, status: 'read', timestamp: ts(9), recipient_id: '15550002222' }]),
    );
    await t.h.post(
      statusEnvelope([{ id, status: 'sent', timestamp: ts(7), recipient_id: '15550002222' }]),
    );
    const msg = await findMessageByWamid(t.db.kysely, id);
    expect(msg).toMatchObject({
      status: 'read',
      sentAt: Number(ts(7)) * 1000,
      deliveredAt: Number(ts(9)) * 1000,
    });
  });

  it('never moves backwards when two transactions apply statuses of one message at once', async () => {
    // The batch writer, the recovery job and a replay run in separate transactions; on
    // PostgreSQL the second must read the row only after the first has committed.
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const status = (s: string, at: number) =>
      parseStatus({ id, status: s, timestamp: ts(at), recipient_id: '15550002222' });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let applied = (): void => undefined;
    const readApplied = new Promise<void>((resolve) => (applied = resolve));
    const first = t.db.kysely.transaction().execute(async (trx) => {
      await t.h.conversations.applyStatusEvents(trx, [status('read', 9)]);
      applied();
      await gate;
    });
    await readApplied;
    const second = t.db.kysely
      .transaction()
      .execute((trx) => t.h.conversations.applyStatusEvents(trx, [status('delivered', 8)]));
    await new Promise((resolve) => setTimeout(resolve, 150));
    release();
    await Promise.all([first, second]);
    expect(await findMessageByWamid(t.db.kysely, id)).toMatchObject({
      status: 'read',
      deliveredAt: Number(ts(8)) * 1000,
      readAt: Number(ts(9)) * 1000,
    });
  });

  it('keeps failed terminal with Meta code, title, message and details', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const error = {
      code: 131047,
      title: 'Re-engagement message',
      message: 'Re-engagement message',
      error_data: { details: 'More than 24 hours have passed' },
    };
    await t.h.post(
      statusEnvelope([
        { id, status: 'failed', timestamp: ts(3), recipient_id: '15550002222', errors: [error] },
      ]),
    );
    await t.h.post(
      statusEnvelope([{ id, status: 'delivered', timestamp: ts(4), recipient_id: '15550002222' }]),
    );
    const msg = await findMessageByWamid(t.db.kysely, id);
    expect(msg).toMatchObject({
      status: 'failed',
      errorCode: 131047,
      errorTitle: 'Re-engagement message',
      errorMessage: 'Re-engagement message',
      errorDetails: 'More than 24 hours have passed',
    });
  });

  it('holds a status that beat the send response and applies it when the message is stored', async () => {
    const id = wamid();
    await t.h.post(
      statusEnvelope([
        {
          id,
          status: 'delivered',
          timestamp: ts(2),
          recipient_id: '15550002222',
          biz_opaque_callback_data: 'campaign:7:recipient:42',
        },
      ]),
    );
    expect(await findMessageByWamid(t.db.kysely, id)).toBeUndefined();
    const held = await t.h.conversations.heldStatusesFor(t.db.kysely, 'campaign:7:recipient:42');
    expect(held.map((s) => s.status)).toEqual(['delivered']);
    const stored = await storeOutbound(t.h, t.db, id, '15550002222', 'campaign:7:recipient:42');
    expect(stored.status).toBe('delivered');
    const msg = await findMessageByWamid(t.db.kysely, id);
    expect(msg).toMatchObject({
      status: 'delivered',
      sentAt: Number(ts(2)) * 1000,
      bizOpaqueCallbackData: 'campaign:7:recipient:42',
    });
    expect(await t.h.conversations.heldStatusesFor(t.db.kysely, 'campaign:7:recipient:42')).toEqual(
      [],
    );
  });

  it('turns an inbound message into a contact, a conversation with an open 24 t.h window, and a message', async () => {
    const id = wamid();
    const at = Math.floor(Date.now() / 1000);
    await t.h.post(
      inboundEnvelope(
        {
          from: '16505551234',
          id,
          timestamp: String(at),
          type: 'text',
          text: { body: 'Hello there' },
        },
        'Ana Lima',
      ),
    );
    const msg = await findMessageByWamid(t.db.kysely, id);
    expect(msg).toMatchObject({
      direction: 'in',
      type: 'text',
      text: 'Hello there',
      status: 'received',
    });
    const contact = await t.h.contacts.findByWaId(t.db.kysely, '16505551234');
    expect(contact).toMatchObject({
      profileName: 'Ana Lima',
      phoneE164: '+16505551234',
      isOptedOut: 0,
    });
    const conv = await t.db.kysely
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', msg?.conversationId ?? '')
      .executeTakeFirstOrThrow();
    expect(conv.windowExpiresAt).toBe(at * 1000 + 24 * 3600 * 1000);
    expect(t.h.events.some((e) => e.name === 'messages.received')).toBe(true);
  });

  it('opts a contact out on a STOP keyword and on user_preferences, recording time and source', async () => {
    const at = 1_767_100_000;
    await t.h.post(
      inboundEnvelope({
        from: '16505550001',
        id: wamid(),
        timestamp: String(at),
        type: 'text',
        text: { body: ' stop ' },
      }),
    );
    const a = await t.h.contacts.findByWaId(t.db.kysely, '16505550001');
    expect(a).toMatchObject({ isOptedOut: 1, optedOutAt: at * 1000, optOutSource: 'keyword:stop' });

    const prefs = (value: string, t: number) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: TEST_CREDENTIAL.wabaId,
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550001111',
                  phone_number_id: '106000000000001',
                },
                contacts: [{ profile: { name: 'Bo' }, wa_id: '16505550002' }],
                user_preferences: [
                  {
                    wa_id: '16505550002',
                    detail: 'User requested to stop marketing messages',
                    category: 'marketing_messages',
                    value,
                    timestamp: t,
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    await t.h.post(prefs('stop', at));
    expect(await t.h.contacts.findByWaId(t.db.kysely, '16505550002')).toMatchObject({
      isOptedOut: 1,
      optedOutAt: at * 1000,
      optOutSource: 'user_preferences:marketing_messages',
    });
    await t.h.post(prefs('resume', at + 60));
    expect(await t.h.contacts.findByWaId(t.db.kysely, '16505550002')).toMatchObject({
      isOptedOut: 0,
      optedInAt: (at + 60) * 1000,
    });
    // Webhooks arrive in any order: an older stop delivered late must not undo the resume.
    await t.h.post(prefs('stop', at + 30));
    expect(await t.h.contacts.findByWaId(t.db.kysely, '16505550002')).toMatchObject({
      isOptedOut: 0,
      optedOutAt: at * 1000,
      optedInAt: (at + 60) * 1000,
    });
  });

  it('stores and flags an unknown field and an unknown message type, answering 200', async () => {
    const unknownField = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: TEST_CREDENTIAL.wabaId,
          time: 1,
          changes: [{ field: 'calls', value: { anything: true } }],
        },
      ],
    };
    expect((await t.h.post(unknownField)).statusCode).toBe(200);
    const id = wamid();
    expect(
      (
        await t.h.post(
          inboundEnvelope({
            from: '16505550003',
            id,
            timestamp: ts(1),
            type: 'edit',
            edit: { body: 'x' },
          }),
        )
      ).statusCode,
    ).toBe(200);
    const rows = await t.db.kysely
      .selectFrom('webhookEvents')
      .select(['field', 'status', 'error'])
      .where('status', '=', 'flagged')
      .execute();
    expect(rows.some((r) => r.field === 'calls' && /unknown field calls/.test(r.error ?? ''))).toBe(
      true,
    );
    expect(rows.some((r) => /unknown message type edit/.test(r.error ?? ''))).toBe(true);
    expect((await findMessageByWamid(t.db.kysely, id))?.type).toBe('edit');
  });

  it('hands delegated fields to their module after the commit and keeps a handler failure for replay', async () => {
    await t.h.close();
    const seen: string[] = [];
    let fail = true;
    t.h = await createIntakeHarness(t.db, {
      handlers: {
        message_template_status_update: async (wabaId, value) => {
          if (fail) throw new Error('templates module unavailable');
          seen.push(`${wabaId}:${(value as { event: string }).event}`);
        },
      },
    });
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: TEST_CREDENTIAL.wabaId,
          time: 1751247548,
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'APPROVED',
                message_template_id: 1689556908129832,
                message_template_name: 'order_confirmation',
                message_template_language: 'en_US',
                reason: 'NONE',
              },
            },
          ],
        },
      ],
    };
    expect((await t.h.post(body)).statusCode).toBe(200);
    await t.h.background.drain(5_000);
    const row = await t.db.kysely
      .selectFrom('webhookEvents')
      .selectAll()
      .where('field', '=', 'message_template_status_update')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toContain('templates module unavailable');
    fail = false;
    const replayed = await t.h.service.replay(row.id, {
      actor: systemActor('test'),
      ip: null,
      userAgent: null,
    });
    expect(replayed.status).toBe('processed');
    expect(seen).toEqual([`${TEST_CREDENTIAL.wabaId}:APPROVED`]);
  });

  it('processes events a crash left stored but unprocessed (the recovery job)', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const raw = JSON.stringify(
      statusEnvelope([{ id, status: 'read', timestamp: ts(4), recipient_id: '15550002222' }]),
    );
    await t.db.kysely
      .insertInto('webhookEvents')
      .values({
        id: `recover-${id}`,
        receivedAt: Date.now() - 60_000,
        bodyHash: `hash-${id}`,
        accountId: TEST_CREDENTIAL.accountId,
        wabaId: TEST_CREDENTIAL.wabaId,
        field: 'messages',
        signature: 'valid',
        status: 'pending',
        error: null,
        search: ` ${id} `,
        itemCount: 1,
        raw,
        attempts: 0,
        processedAt: null,
      })
      .execute();
    expect(await t.h.service.recover()).toBeGreaterThanOrEqual(1);
    expect((await findMessageByWamid(t.db.kysely, id))?.status).toBe('read');
    const row = await t.db.kysely
      .selectFrom('webhookEvents')
      .select(['status', 'attempts'])
      .where('id', '=', `recover-${id}`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'processed', attempts: 1 });
  });

  it('keeps an event whose processing throws, with its error, without losing the good events of its batch', async () => {
    await t.h.close();
    let broken = true;
    t.h = await createIntakeHarness(t.db, {
      conversations: (real) => ({
        ...real,
        recordInbound: async (ex, input) => {
          const text = (input.message as { text?: { body?: string } }).text?.body;
          if (broken && text === 'poison') throw new Error('disk says no');
          return real.recordInbound(ex, input);
        },
      }),
    });
    const good = wamid();
    const bad = wamid();
    const status = wamid();
    await storeOutbound(t.h, t.db, status);
    const results = await Promise.all([
      t.h.post(
        inboundEnvelope({
          from: '16505550010',
          id: good,
          timestamp: ts(1),
          type: 'text',
          text: { body: 'fine' },
        }),
      ),
      t.h.post(
        inboundEnvelope({
          from: '16505550011',
          id: bad,
          timestamp: ts(1),
          type: 'text',
          text: { body: 'poison' },
        }),
      ),
      t.h.post(
        statusEnvelope([
          { id: status, status: 'delivered', timestamp: ts(2), recipient_id: '15550002222' },
        ]),
      ),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    await t.h.background.drain(5_000);
    expect(await findMessageByWamid(t.db.kysely, good)).toBeDefined();
    expect((await findMessageByWamid(t.db.kysely, status))?.status).toBe('delivered');
    expect(await findMessageByWamid(t.db.kysely, bad)).toBeUndefined();
    const failed = await t.db.kysely
      .selectFrom('webhookEvents')
      .selectAll()
      .where('status', '=', 'failed')
      .where('search', 'like', `%${bad}%`)
      .executeTakeFirstOrThrow();
    expect(failed.error).toContain('disk says no');
    broken = false;
    expect(
      (
        await t.h.service.replay(failed.id, {
          actor: systemActor('test'),
          ip: null,
          userAgent: null,
        })
      ).status,
    ).toBe('processed');
    expect(await findMessageByWamid(t.db.kysely, bad)).toBeDefined();
  });

  it('answers 503, never 200, when the event could not be stored, and stores the redelivery', async () => {
    const id = wamid();
    await storeOutbound(t.h, t.db, id);
    const body = statusEnvelope([
      { id, status: 'delivered', timestamp: ts(3), recipient_id: '15550002222' },
    ]);
    const before = await eventCount();
    await sql`alter table webhook_events rename to webhook_events_off`.execute(t.db.kysely);
    let refused;
    try {
      refused = await t.h.post(body);
    } finally {
      await sql`alter table webhook_events_off rename to webhook_events`.execute(t.db.kysely);
    }
    expect(refused.statusCode).toBe(503);
    expect(t.h.events.some((e) => e.name === 'webhooks.event')).toBe(false);
    expect(await eventCount()).toBe(before);
    // Meta sends it again; now it is stored and applied.
    expect((await t.h.post(body)).statusCode).toBe(200);
    expect(await eventCount()).toBe(before + 1);
    expect((await findMessageByWamid(t.db.kysely, id))?.status).toBe('delivered');
  });
});
