import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { manualClock } from '../../platform/clock';
import { authOf, signIn, TEST_ORIGIN, userWithRole } from './auth.testkit';
import { BASE_LOCK_MS, USER_THRESHOLD } from './throttle.service';
import { ANONYMOUS_PER_MINUTE } from '../../http/security';

describe('login protection, CSRF and HTTP hardening', () => {
  let t: TestApp;
  const clock = manualClock(Date.UTC(2026, 10, 26, 12));
  const inject = (opts: InjectOptions) => t.app.inject(opts);
  const login = (username: string, password: string, ip: string, ua = 'brute/1.0') =>
    inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, 'user-agent': ua },
      remoteAddress: ip,
      payload: { username, password },
    });

  beforeAll(async () => {
    // The HTTPS checks below come through a proxy on these addresses (X-Forwarded-Proto).
    t = await buildTestApp({
      clock,
      logLevel: 'warn',
      env: { KIANA_TRUST_PROXY: '127.0.0.1,192.0.2.50' },
    });
    const by = {
      actor: { type: 'system' as const },
      ip: null,
      userAgent: null,
      role: 'system' as const,
    };
    await authOf(t).users.create(
      { username: 'victim', password: 'the right passphrase', role: 'admin' },
      by,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('throttles 50 wrong logins from one address, refuses the right password while locked, and audits each', async () => {
    const ip = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push((await login('victim', `wrong guess ${i}`, ip)).statusCode);
    expect(statuses.slice(0, USER_THRESHOLD)).toEqual(Array(USER_THRESHOLD).fill(401));
    expect(statuses.slice(USER_THRESHOLD)).toEqual(Array(50 - USER_THRESHOLD).fill(429));

    const right = await login('victim', 'the right passphrase', ip);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.cookies.find((c) => c.name === 'kiana_session')).toBeUndefined();

    const rows = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['action', 'outcome', 'ip', 'userAgent', 'actorName'])
      .where('ip', '=', ip)
      .where('action', '=', 'auth.login')
      .execute();
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => r.userAgent === 'brute/1.0' && r.ip === ip)).toBe(true);
    expect(rows.filter((r) => r.outcome === 'failure')).toHaveLength(USER_THRESHOLD);
    expect(rows.filter((r) => r.outcome === 'denied')).toHaveLength(51 - USER_THRESHOLD);
  });

  it('grows the lockout with each further failure and lets the right password in once it ends', async () => {
    const ip = '203.0.113.7';
    clock.advance(BASE_LOCK_MS + 1);
    const again = await login('victim', 'still wrong', ip);
    expect(again.statusCode).toBe(401);
    const locked = await login('victim', 'the right passphrase', ip);
    expect(Number(locked.headers['retry-after'])).toBe((2 * BASE_LOCK_MS) / 1000);
    clock.advance(2 * BASE_LOCK_MS + 1);
    expect((await login('victim', 'the right passphrase', ip)).statusCode).toBe(200);
  });

  it('locks an address that tries many usernames', async () => {
    const ip = '198.51.100.4';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login(`nobody${i}`, 'wrong password!', ip)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await login('victim', 'the right passphrase', '198.51.100.5')).statusCode).toBe(200);
  });

  it('refuses a cross-origin state-changing request that carries a valid session cookie', async () => {
    const s = await userWithRole(t, 'owner');
    const url = '/api/v1/account/sessions/revoke-others';
    const evil = await inject({
      method: 'POST',
      url,
      headers: { ...s.headers, origin: 'https://evil.example' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('csrf_failed');
    const evilReferer = await inject({
      method: 'POST',
      url,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrfToken,
        referer: 'https://evil.example/page',
      },
    });
    expect(evilReferer.statusCode).toBe(403);
    const noToken = await inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, origin: TEST_ORIGIN },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const wrongToken = await inject({
      method: 'POST',
      url,
      headers: { ...s.headers, 'x-csrf-token': 'x'.repeat(s.csrfToken.length) },
    });
    expect(wrongToken.statusCode).toBe(403);
    const good = await inject({ method: 'POST', url, headers: s.headers });
    expect(good.statusCode).toBe(200);
    // Login itself is refused cross-origin (login CSRF).
    const crossLogin = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'victim', password: 'the right passphrase' },
    });
    expect(crossLogin.statusCode).toBe(403);
  });

  it('sends security headers with a strict CSP, and HSTS only over HTTPS', async () => {
    const res = await inject({ method: 'GET', url: '/api/v1/meta' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const https = await inject({
      method: 'GET',
      url: '/api/v1/meta',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('marks the session cookie Secure over HTTPS', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: {
        'x-forwarded-proto': 'https',
        origin: 'https://localhost:3000',
        host: 'localhost:3000',
      },
      remoteAddress: '192.0.2.50',
      payload: { username: 'victim', password: 'the right passphrase' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kiana_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses oversized sign-in bodies', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'victim', password: 'x'.repeat(20_000) }),
    });
    expect(res.statusCode).toBe(413);
  });

  it('rate-limits anonymous calls to public endpoints', async () => {
    let last = 0;
    for (let i = 0; i <= ANONYMOUS_PER_MINUTE; i++) {
      last = (await inject({ method: 'GET', url: '/api/v1/meta', remoteAddress: '192.0.2.99' }))
        .statusCode;
    }
    expect(last).toBe(429);
    expect(
      (await inject({ method: 'GET', url: '/api/v1/meta', remoteAddress: '192.0.2.98' }))
        .statusCode,
    ).toBe(200);
  });

  it('accepts a bearer API key without CSRF checks and records its use once per hour', async () => {
    const by = { actor: { type: 'system' as const }, ip: null, userAgent: null };
    const { apiKey, secret } = await authOf(t).apiKeys.create(
      { name: 'crm', scopes: ['read'] },
      by,
    );
    for (let i = 0; i < 3; i++) {
      const res = await inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { authorization: `Bearer ${secret}`, origin: 'https://crm.example' },
      });
      expect(res.statusCode).toBe(200);
    }
    const uses = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'apikey.use')
      .where('targetId', '=', apiKey.id)
      .execute();
    expect(uses).toHaveLength(1);
    const keys = await inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: (await signIn(t, 'victim', 'the right passphrase', {})).headers,
    });
    expect(keys.json().apiKeys[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(keys.json())).not.toContain(secret);

    await authOf(t).apiKeys.revoke(apiKey.id, by);
    const again = await authOf(t).apiKeys.revoke(apiKey.id, by);
    expect(again.revokedAt).not.toBeNull();
    const revocations = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'apikey.revoke')
      .where('targetId', '=', apiKey.id)
      .execute();
    expect(revocations).toHaveLength(1);
    const refused = await inject({
      method: 'GET',
      url: '/api/v1/templates',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_api_key');
  });
});
