import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { manualClock } from '../../platform/clock';
import { currentTotp } from './auth.totp';
import { SESSION_IDLE_MS } from './auth.deps';
import {
  authOf,
  loginAttempt,
  signIn,
  systemActor,
  TEST_ORIGIN,
  userWithRole,
} from './auth.testkit';

describe('sign-in, sessions and 2FA', () => {
  let t: TestApp;
  const clock = manualClock(Date.UTC(2026, 10, 26, 9));
  beforeAll(async () => {
    t = await buildTestApp({ clock, logLevel: 'warn' });
  });
  afterAll(async () => {
    await t.close();
  });
  const inject = (opts: InjectOptions) => t.app.inject(opts);
  /** The owner's TOTP secret once enrolled. */
  let ownerSecret = '';

  it('offers the first-run setup only while no user exists', async () => {
    const before = await inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(before.json()).toEqual({ authenticated: false, needsSetup: true });
    const weak = await inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'owner', password: 'password123' },
    });
    expect(weak.statusCode).toBe(400);
    const setup = await inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'owner', password: 'a long secret phrase!' },
    });
    expect(setup.statusCode).toBe(200);
    expect(setup.json()).toMatchObject({
      authenticated: true,
      user: { username: 'owner', role: 'owner' },
    });
    const cookie = setup.headers['set-cookie'];
    expect(String(cookie)).toMatch(/kiana_session=[^;]+;.*HttpOnly/);
    expect(String(cookie)).toMatch(/SameSite=Lax/);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'other', password: 'another long passphrase' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('gives the same answer for a wrong username and a wrong password', async () => {
    const a = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'nobody', password: 'whatever it is' },
      remoteAddress: '10.0.0.9',
    });
    const b = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { username: 'owner', password: 'whatever it is' },
      remoteAddress: '10.0.0.9',
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: '' });
    expect(strip(a.body)).toEqual(strip(b.body));
  });

  it('ends a session after the idle timeout', async () => {
    const s = await signIn(t, 'owner', 'a long secret phrase!');
    const ok = await inject({ method: 'GET', url: '/api/v1/users', headers: s.headers });
    expect(ok.statusCode).toBe(200);
    const state = await inject({ method: 'GET', url: '/api/v1/auth/session', headers: s.headers });
    expect(state.json().expiresAt).toBe(new Date(clock.now() + SESSION_IDLE_MS).toISOString());
    clock.advance(SESSION_IDLE_MS + 1000);
    const late = await inject({ method: 'GET', url: '/api/v1/users', headers: s.headers });
    expect(late.statusCode).toBe(401);
  });

  it('enrols TOTP, then requires a fresh code at login and refuses a replayed one', async () => {
    const s = await signIn(t, 'owner', 'a long secret phrase!');
    const setup = await inject({
      method: 'POST',
      url: '/api/v1/account/totp/setup',
      headers: s.headers,
    });
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl } = setup.json<{ secret: string; qrDataUrl: string }>();
    ownerSecret = secret;
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const confirm = await inject({
      method: 'POST',
      url: '/api/v1/account/totp/confirm',
      headers: s.headers,
      payload: { code: currentTotp(secret, clock.now()) },
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);

    const owner = { username: 'owner', password: 'a long secret phrase!' };
    const noCode = await loginAttempt(t, owner);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('totp_required');
    clock.advance(30_000);
    const code = currentTotp(secret, clock.now());
    const withCode = await loginAttempt(t, { ...owner, totpCode: code });
    expect(withCode.statusCode).toBe(200);
    const replay = await loginAttempt(t, { ...owner, totpCode: code });
    expect(replay.json().code).toBe('invalid_totp');
    const recovery = await loginAttempt(t, { ...owner, recoveryCode: recoveryCodes[0] });
    expect(recovery.statusCode).toBe(200);
    const reused = await loginAttempt(t, { ...owner, recoveryCode: recoveryCodes[0] });
    expect(reused.statusCode).toBe(401);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const agent = await userWithRole(t, 'agent');
    expect(
      (await inject({ method: 'GET', url: '/api/v1/account/sessions', headers: agent.headers }))
        .statusCode,
    ).toBe(200);
    await authOf(t).users.update(agent.userId, { isActive: false }, systemActor);
    expect(
      (await inject({ method: 'GET', url: '/api/v1/account/sessions', headers: agent.headers }))
        .statusCode,
    ).toBe(401);
  });

  it('lists my sessions and revokes the others', async () => {
    const viewer = await userWithRole(t, 'viewer', 'viewer long passphrase');
    const users = await authOf(t).users.list();
    const name = users.find((u) => u.id === viewer.userId)?.username ?? '';
    const second = await signIn(t, name, 'viewer long passphrase', {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
    });
    const list = await inject({
      method: 'GET',
      url: '/api/v1/account/sessions',
      headers: viewer.headers,
    });
    const sessions = list.json<{ sessions: { isCurrent: boolean; browser: string }[] }>().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((x) => x.isCurrent)).toHaveLength(1);
    expect(sessions.map((x) => x.browser)).toContain('Chrome on Linux');
    const revoke = await inject({
      method: 'POST',
      url: '/api/v1/account/sessions/revoke-others',
      headers: viewer.headers,
    });
    expect(revoke.json()).toEqual({ revoked: 1 });
    expect(
      (await inject({ method: 'GET', url: '/api/v1/account/sessions', headers: second.headers }))
        .statusCode,
    ).toBe(401);
  });

  it("enforces the owner's 2FA policy: the unenrolled may only enrol, the enrolled may not turn it off", async () => {
    clock.advance(30_000);
    const owner = await loginAttempt(t, {
      username: 'owner',
      password: 'a long secret phrase!',
      totpCode: currentTotp(ownerSecret, clock.now()),
    });
    expect(owner.statusCode).toBe(200);
    const ownerCsrf = owner.cookies.find((c) => c.name === 'kiana_csrf')?.value ?? '';
    const ownerHeaders = {
      cookie: owner.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': ownerCsrf,
      origin: TEST_ORIGIN,
    };
    const agent = await userWithRole(t, 'agent');
    const setPolicy = (requireTotp: boolean) =>
      inject({
        method: 'PUT',
        url: '/api/v1/auth/policy',
        headers: ownerHeaders,
        payload: { requireTotp },
      });
    expect((await setPolicy(true)).json()).toEqual({ requireTotp: true });
    try {
      const state = await inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: agent.headers,
      });
      expect(state.json()).toMatchObject({ authenticated: true, mustEnrolTotp: true });
      // An agent may read the API log, but not before enrolling.
      const work = await inject({ method: 'GET', url: '/api/v1/api-log', headers: agent.headers });
      expect(work.statusCode).toBe(403);
      expect(work.json().code).toBe('totp_enrolment_required');
      const enrol = await inject({
        method: 'POST',
        url: '/api/v1/account/totp/setup',
        headers: agent.headers,
      });
      expect(enrol.statusCode).toBe(200);
      clock.advance(30_000);
      const off = await inject({
        method: 'POST',
        url: '/api/v1/account/totp/disable',
        headers: ownerHeaders,
        payload: {
          password: 'a long secret phrase!',
          code: currentTotp(ownerSecret, clock.now()),
        },
      });
      expect(off.statusCode).toBe(409);
      expect(off.json().code).toBe('totp_required_by_policy');
    } finally {
      await setPolicy(false);
    }
  });

  it('logs out', async () => {
    const admin = await userWithRole(t, 'admin');
    const out = await inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: admin.headers,
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await inject({ method: 'GET', url: '/api/v1/account/sessions', headers: admin.headers }))
        .statusCode,
    ).toBe(401);
  });
});
