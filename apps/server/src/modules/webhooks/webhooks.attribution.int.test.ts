import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { signBody } from './webhooks.signature';
import { FOREIGN_SIGNER_NOTE } from './webhooks.attribution';

/**
 * Finding 2 of the outside probe: a webhook proves only that *some* account's app secret
 * signed it; each entry is applied only for the accounts holding that secret.
 */
describe('attributing webhook entries to the account whose secret signed them', () => {
  let t: TestApp;
  let admin: SignedIn;
  const ids: Record<string, string> = {};
  const accounts = [
    { key: 'A', waba: '5100000001', secret: 'secret-of-account-a', number: '6100000001' },
    { key: 'B', waba: '5100000002', secret: 'secret-of-account-b', number: '6100000002' },
    // C and D share one app (one secret), as two WABAs of one business may.
    { key: 'C', waba: '5100000003', secret: 'secret-shared-by-c-d', number: '6100000003' },
    { key: 'D', waba: '5100000004', secret: 'secret-shared-by-c-d', number: '6100000004' },
  ];
  let seq = 0;

  const post = (entries: object[], secret: string) => {
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: entries });
    return t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, secret) },
      payload: raw,
    });
  };
  const inbound = (waba: string, phoneNumberId: string, text: string) => {
    seq += 1;
    return {
      id: waba,
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
            contacts: [{ profile: { name: 'Ana' }, wa_id: '15550009999' }],
            messages: [
              {
                from: '15550009999',
                id: `wamid.attr${seq}`,
                timestamp: String(Math.floor(Date.now() / 1000)),
                type: 'text',
                text: { body: text },
              },
            ],
          },
        },
      ],
    };
  };
  const templateDisabled = (waba: string) => ({
    id: waba,
    changes: [
      {
        field: 'message_template_status_update',
        value: {
          event: 'DISABLED',
          message_template_id: 9001,
          message_template_name: 'promo',
          message_template_language: 'en_US',
          reason: 'NONE',
        },
      },
    ],
  });
  const messagesWith = async (text: string) =>
    t.ctx.db.kysely
      .selectFrom('messages')
      .select(['accountId', 'phoneNumberId'])
      .where('text', '=', text)
      .execute();
  const lastEvent = async () =>
    t.ctx.db.kysely
      .selectFrom('webhookEvents')
      .select(['status', 'error', 'foreignSigner'])
      .orderBy('receivedAt', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const waitIdle = async () => {
    for (let i = 0; i < 50; i++) {
      const pending = await t.ctx.db.kysely
        .selectFrom('webhookEvents')
        .select('id')
        .where('status', '=', 'pending')
        .execute();
      if (pending.length === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    admin = await userWithRole(t, 'admin');
    const now = Date.now();
    for (const a of accounts) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/whatsapp/accounts',
        headers: admin.headers,
        payload: {
          name: a.key,
          wabaId: a.waba,
          accessToken: 'EAAG-test-token-0000',
          appSecret: a.secret,
        },
      });
      expect(res.statusCode).toBe(201);
      ids[a.key] = res.json().id;
      await t.ctx.db.kysely
        .insertInto('waPhoneNumbers')
        .values({
          id: `pn-${a.key}`,
          accountId: res.json().id,
          phoneNumberId: a.number,
          displayPhoneNumber: '+1 555 000 1111',
          verifiedName: a.key,
          qualityRating: 'GREEN',
          throughputLevel: null,
          nameStatus: null,
          status: null,
          refreshedAt: now,
          createdAt: now,
        })
        .execute();
    }
    await t.ctx.db.kysely
      .insertInto('waTemplates')
      .values({
        id: 'tpl-a',
        accountId: ids.A ?? '',
        metaId: '9001',
        name: 'promo',
        language: 'en_US',
        category: 'MARKETING',
        status: 'APPROVED',
        parameterFormat: 'positional',
        components: '[]',
        rejectedReason: null,
        qualityScore: null,
        previousCategory: null,
        syncedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it("does not let account B's secret disable account A's template", async () => {
    const res = await post([templateDisabled('5100000001')], 'secret-of-account-b');
    expect(res.statusCode).toBe(200);
    await waitIdle();
    const tpl = await t.ctx.db.kysely
      .selectFrom('waTemplates')
      .select('status')
      .where('id', '=', 'tpl-a')
      .executeTakeFirstOrThrow();
    expect(tpl.status).toBe('APPROVED');
    const event = await lastEvent();
    expect(event).toMatchObject({ status: 'flagged', foreignSigner: 1 });
    expect(event.error).toContain(FOREIGN_SIGNER_NOTE);
  });

  it('applies only the entries of the signing account in a POST that mixes accounts', async () => {
    const res = await post(
      [
        inbound('5100000001', '6100000001', 'for A, signed by B'),
        inbound('5100000002', '6100000002', 'for B, signed by B'),
        // B's entry naming A's number: still not B's to apply.
        inbound('5100000002', '6100000001', 'A number in B entry'),
      ],
      'secret-of-account-b',
    );
    expect(res.statusCode).toBe(200);
    await waitIdle();
    expect(await messagesWith('for A, signed by B')).toEqual([]);
    expect(await messagesWith('A number in B entry')).toEqual([]);
    expect(await messagesWith('for B, signed by B')).toEqual([
      { accountId: ids.B, phoneNumberId: '6100000002' },
    ]);
    expect(await lastEvent()).toMatchObject({ status: 'flagged', foreignSigner: 1 });
  });

  it('attributes each entry to its own account when two accounts share the secret', async () => {
    const res = await post(
      [
        inbound('5100000003', '6100000003', 'C entry'),
        inbound('5100000004', '6100000004', 'D entry'),
      ],
      'secret-shared-by-c-d',
    );
    expect(res.statusCode).toBe(200);
    await waitIdle();
    expect(await messagesWith('C entry')).toEqual([
      { accountId: ids.C, phoneNumberId: '6100000003' },
    ]);
    expect(await messagesWith('D entry')).toEqual([
      { accountId: ids.D, phoneNumberId: '6100000004' },
    ]);
    expect(await lastEvent()).toMatchObject({ status: 'processed', foreignSigner: 0 });
  });
});
