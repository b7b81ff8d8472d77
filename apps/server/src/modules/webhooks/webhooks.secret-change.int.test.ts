import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { signBody } from './webhooks.signature';
import { createSecrets } from '../../crypto/secrets';
import { sealAccountSecret } from '../accounts/accounts.secrets';

/** Finding 12 of the outside probe: a changed app secret takes effect at once. */
describe('changing an app secret', () => {
  let t: TestApp;
  let admin: SignedIn;
  let accountId: string;
  const OLD = 'old-app-secret-0001';
  const NEW = 'new-app-secret-0002';
  const WABA = '77001122';
  let n = 0;
  const deliver = (secret: string) => {
    n += 1;
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: WABA, changes: [{ field: 'account_update', value: { event: `E${n}` } }] }],
    });
    return t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, secret) },
      payload: raw,
    });
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    admin = await userWithRole(t, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/whatsapp/accounts',
      headers: admin.headers,
      payload: {
        name: 'Rotating',
        wabaId: WABA,
        accessToken: 'EAAG-test-token-0000',
        appSecret: OLD,
      },
    });
    expect(created.statusCode).toBe(201);
    accountId = created.json().id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts the new secret and refuses the old one immediately, and announces the change by ids only', async () => {
    expect((await deliver(OLD)).statusCode).toBe(200);
    const events: unknown[] = [];
    const stop = t.ctx.bus.subscribe('cache.invalidate', (e) => events.push(e.payload));
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${accountId}`,
      headers: admin.headers,
      payload: { appSecret: NEW },
    });
    stop();
    expect(patched.statusCode).toBe(200);
    expect((await deliver(NEW)).statusCode).toBe(200);
    expect((await deliver(OLD)).statusCode).toBe(401);
    expect(events).toEqual([{ scope: 'accounts.credentials', id: accountId }]);
  });

  it('drops the cached credentials when the change comes from another process', async () => {
    expect((await deliver(NEW)).statusCode).toBe(200);
    // Another process rotated the secret: only the database changed here, then its relayed
    // event arrives on this process's bus.
    await t.ctx.db.kysely
      .updateTable('waAccounts')
      .set({
        appSecret: sealAccountSecret(createSecrets(t.ctx.keyring), accountId, 'app_secret', OLD),
      })
      .where('id', '=', accountId)
      .execute();
    t.ctx.bus.publish('cache.invalidate', { scope: 'accounts.credentials', id: accountId });
    expect((await deliver(OLD)).statusCode).toBe(200);
    expect((await deliver(NEW)).statusCode).toBe(401);
  });
});
