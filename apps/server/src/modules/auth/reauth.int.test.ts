import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { signIn, userWithRole, type SignedIn } from './auth.testkit';
import { PAIR_THRESHOLD } from './throttle.service';

/**
 * Findings 11 and 16 of the outside probe: the endpoints that re-check the current password
 * are throttled, and a wrong password there is not a 401 ("your session expired").
 */
describe('re-checking the current password', () => {
  let t: TestApp;
  let me: SignedIn;
  const password = 'correct horse battery';
  const calls = (headers: Record<string, string>, pw: string) => [
    t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers,
      payload: { currentPassword: pw, newPassword: 'a brand new passphrase 42' },
    }),
    t.app.inject({
      method: 'POST',
      url: '/api/v1/account/totp/disable',
      headers,
      payload: { password: pw, code: '123456' },
    }),
    t.app.inject({
      method: 'POST',
      url: '/api/v1/account/recovery-codes',
      headers,
      payload: { password: pw },
    }),
  ];

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    me = await userWithRole(t, 'agent', password);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a wrong current password 403 invalid_password, never 401, and keeps the session', async () => {
    for (const res of await Promise.all(calls(me.headers, 'not my password'))) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('invalid_password');
    }
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: me.headers,
    });
    expect(session.json().authenticated).toBe(true);
  });

  it('locks the re-check after a few wrong passwords, even for the right one, and not sign-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PAIR_THRESHOLD + 3; i++) {
      const [res] = calls(me.headers, `guess ${i}`);
      statuses.push((await res)?.statusCode ?? 0);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(PAIR_THRESHOLD);
    const [right] = calls(me.headers, password);
    expect((await right)?.statusCode).toBe(429);
    // Signing in anew is a separate throttle: the user is not locked out of their account.
    const username = (
      await t.ctx.db.kysely
        .selectFrom('users')
        .select('username')
        .where('id', '=', me.userId)
        .executeTakeFirstOrThrow()
    ).username;
    await expect(signIn(t, username, password)).resolves.toMatchObject({ userId: me.userId });
  });
});
