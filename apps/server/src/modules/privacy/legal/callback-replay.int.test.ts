import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { userWithRole } from '../../auth/auth.testkit';
import { signRequest } from './meta-signed-request';

/** Finding 8 of the outside probe: stale and replayed signed deletion callbacks. */
const APP_SECRET = 'meta-app-secret-for-replay-5678';
let t: TestApp;

const callback = (signed: string) =>
  t.app.inject({
    method: 'POST',
    url: '/legal/data-deletion/callback',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ signed_request: signed }).toString(),
  });
const requestCount = async (): Promise<number> =>
  (await t.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute()).length;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'warn' });
  const admin = await userWithRole(t, 'admin');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: admin.headers,
    payload: {
      name: 'Replay WABA',
      wabaId: '99887766',
      accessToken: 'EAAG-test-token-0000',
      appSecret: APP_SECRET,
    },
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe("Meta's signed deletion callback", () => {
  it('answers a replay with the first confirmation code and opens no second request', async () => {
    const signed = signRequest(
      { algorithm: 'HMAC-SHA256', user_id: '555', issued_at: nowSeconds() },
      APP_SECRET,
    );
    const first = await callback(signed);
    expect(first.statusCode).toBe(200);
    const count = await requestCount();
    const again = await callback(signed);
    expect(again.statusCode).toBe(200);
    expect(again.json().confirmation_code).toBe(first.json().confirmation_code);
    expect(await requestCount()).toBe(count);
  });

  it('refuses a stale, a future, an expired and an undated request', async () => {
    const before = await requestCount();
    const day = 86_400;
    for (const payload of [
      { issued_at: nowSeconds() - 2 * day },
      { issued_at: nowSeconds() + day },
      { issued_at: nowSeconds() - 60, expires: nowSeconds() - 30 },
      {},
    ]) {
      const res = await callback(
        signRequest({ algorithm: 'HMAC-SHA256', user_id: '556', ...payload }, APP_SECRET),
      );
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('stale_signed_request');
    }
    expect(await requestCount()).toBe(before);
  });
});
