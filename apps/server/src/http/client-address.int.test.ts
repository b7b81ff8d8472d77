import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { TEST_ORIGIN } from '../modules/auth/auth.testkit';

/** Finding 1 of the outside probe: X-Forwarded-For and -Proto are believed only from trusted proxies. */
describe('client address and scheme behind proxies', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const login = (app: TestApp, username: string, headers: Record<string, string>, remote: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, ...headers },
      remoteAddress: remote,
      payload: { username, password: 'wrong password entirely' },
    });

  const loginIps = async (app: TestApp): Promise<(string | null)[]> =>
    (
      await app.ctx.db.kysely
        .selectFrom('auditLog')
        .select('ip')
        .where('action', '=', 'auth.login')
        .orderBy('at')
        .execute()
    ).map((r) => r.ip);

  it('by default ignores X-Forwarded-For: one real address is locked out whatever it claims', async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await login(
        t,
        `nobody${i}`,
        { 'x-forwarded-for': `10.0.${i}.1` },
        '203.0.113.20',
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
    expect(new Set(await loginIps(t))).toEqual(new Set(['203.0.113.20']));
  });

  it('by default ignores X-Forwarded-Proto (no HSTS, no Secure cookie over plain HTTP)', async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/meta',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('never stores free text as an address, even from a trusted proxy', async () => {
    t = await buildTestApp({ logLevel: 'warn', env: { KIANA_TRUST_PROXY: 'loopback' } });
    await login(t, 'nobody', { 'x-forwarded-for': '<img src=x onerror=alert(1)>' }, '127.0.0.1');
    await login(t, 'nobody', { 'x-forwarded-for': '=HYPERLINK("http://x")' }, '127.0.0.1');
    await login(t, 'nobody', { 'x-forwarded-for': '198.51.100.23' }, '127.0.0.1');
    // From an address that is not a trusted proxy, the header is not believed.
    await login(t, 'nobody', { 'x-forwarded-for': '198.51.100.24' }, '192.0.2.77');
    expect(await loginIps(t)).toEqual(['127.0.0.1', '127.0.0.1', '198.51.100.23', '192.0.2.77']);
    const https = await t.app.inject({
      method: 'GET',
      url: '/api/v1/meta',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('with a hop count, takes the address the nearest proxy saw', async () => {
    t = await buildTestApp({ logLevel: 'warn', env: { KIANA_TRUST_PROXY: '1' } });
    await login(t, 'nobody', { 'x-forwarded-for': '10.9.9.9, 198.51.100.40' }, '192.0.2.1');
    expect(await loginIps(t)).toEqual(['198.51.100.40']);
  });
});
