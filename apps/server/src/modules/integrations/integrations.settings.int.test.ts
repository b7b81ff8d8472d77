import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

describe(`outgoing webhook settings on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    admin = await userWithRole(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });
  const loopback = { url: 'http://127.0.0.1:9/hook', events: ['message.received'] };

  it('lets an admin allow loopback through the API, audited, and refuses a malformed entry', async () => {
    expect((await call('GET', '/integrations/settings')).json()).toEqual({
      allowedPrivateAddresses: [],
      disableAfterHours: 24,
    });
    expect((await call('POST', '/integrations/webhooks', loopback)).statusCode).toBe(400);
    const saved = await call('PUT', '/integrations/settings', {
      allowedPrivateAddresses: ['127.0.0.1/32'],
      disableAfterHours: 12,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      allowedPrivateAddresses: ['127.0.0.1/32'],
      disableAfterHours: 12,
    });
    expect((await call('POST', '/integrations/webhooks', loopback)).statusCode).toBe(201);
    const audit = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'integrations.settings')
      .execute();
    expect(audit).toHaveLength(1);
    const bad = await call('PUT', '/integrations/settings', {
      allowedPrivateAddresses: ['999.1.1.1'],
      disableAfterHours: 12,
    });
    expect(bad.statusCode).toBe(400);
  });
});
