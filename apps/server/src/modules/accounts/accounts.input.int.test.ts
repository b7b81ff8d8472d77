import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphApiVersions } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

/** Findings 13 and 14 of the outside probe: values that would break every later Graph call. */
describe('account settings input', () => {
  let t: TestApp;
  let admin: SignedIn;
  const base = {
    name: 'Input WABA',
    wabaId: '31415926535',
    accessToken: 'EAAG-test-token-0000',
    appSecret: 'app-secret-for-input-tests',
  };
  const create = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/whatsapp/accounts',
      headers: admin.headers,
      payload: { ...base, ...payload },
    });

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    admin = await userWithRole(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts only the Graph API versions the client supports, and names them', async () => {
    const res = await create({ apiVersion: 'v56547811.879100' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('apiVersion');
    for (const v of graphApiVersions) expect(res.json().message).toContain(v);
  });

  it('refuses an access token or app secret holding a control character or a space', async () => {
    for (const payload of [
      { accessToken: 'EAAG-token\u0007-0000' },
      { accessToken: 'EAAG-token\r\nX-Evil: 1' },
      { accessToken: 'EAAG token with spaces' },
      { appSecret: 'secret\u0000secret' },
    ]) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toContain(Object.keys(payload)[0]);
    }
    const ok = await create({});
    expect(ok.statusCode).toBe(201);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/whatsapp/accounts/${ok.json().id}`,
      headers: admin.headers,
      payload: { accessToken: 'EAAG-token\u0001-0000', apiVersion: 'v99.0' },
    });
    expect(patch.statusCode).toBe(400);
  });
});
