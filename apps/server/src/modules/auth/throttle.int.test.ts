import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { manualClock } from '../../platform/clock';
import { authOf, signIn, systemActor, TEST_ORIGIN } from './auth.testkit';
import { ATTACK_THRESHOLD, PAIR_THRESHOLD } from './throttle.service';

/** Findings 3, 4 and 6 of the outside probe: lockouts that an attacker cannot turn on the owner. */
describe('sign-in throttling', () => {
  let t: TestApp;
  const clock = manualClock(Date.UTC(2026, 10, 30, 9));
  const login = (username: string, password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, 'user-agent': 'probe' },
      remoteAddress: ip,
      payload: { username, password },
    });

  beforeAll(async () => {
    t = await buildTestApp({ clock, logLevel: 'warn' });
    for (const username of ['owner1', 'racer', 'quiet'])
      await authOf(t).users.create(
        { username, password: 'the right passphrase', role: 'owner' },
        systemActor,
      );
  });
  afterAll(async () => {
    await t.close();
  });

  it("does not let an attacker's failures from other addresses keep the owner out, and tells the owner", async () => {
    // Four attacking addresses, each until it is locked, then again whenever its lock ends.
    const attackers = ['198.51.100.61', '198.51.100.62', '198.51.100.63', '198.51.100.64'];
    for (const ip of attackers)
      for (let i = 0; i < PAIR_THRESHOLD + 2; i++) await login('owner1', `guess ${ip} ${i}`, ip);
    const statuses = (
      await Promise.all(attackers.map((ip) => login('owner1', 'x'.repeat(12), ip)))
    ).map((r) => r.statusCode);
    expect(statuses).toEqual([429, 429, 429, 429]);
    // Under attack, an attacking address gets one try per lock period, not five.
    clock.advance(31_000);
    expect((await login('owner1', 'another guess', attackers[0] ?? '')).statusCode).toBe(401);
    expect((await login('owner1', 'and another', attackers[0] ?? '')).statusCode).toBe(429);

    const owner = await login('owner1', 'the right passphrase', '203.0.113.5');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().recentFailedSignIns).toBeGreaterThanOrEqual(ATTACK_THRESHOLD);

    const warnings = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['targetId', 'outcome'])
      .where('action', '=', 'auth.account_under_attack')
      .execute();
    expect(warnings).toEqual([{ targetId: owner.json().user.id, outcome: 'denied' }]);
  });

  it('checks at most the allowed number of passwords when 40 guesses arrive at once', async () => {
    const ip = '198.51.100.70';
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('racer', `parallel guess ${i}`, ip)),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBe(PAIR_THRESHOLD);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(40 - PAIR_THRESHOLD);
    const failures = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('ip', '=', ip)
      .execute();
    expect(failures).toHaveLength(PAIR_THRESHOLD);
  });

  it('never stores or shows a typed username that matches no user', async () => {
    const typed = 'Hunter2-Secret-Passw0rd';
    for (let i = 0; i < 3; i++) await login(typed, 'whatever it was', '198.51.100.80');
    await login('quiet', 'wrong for a real user', '198.51.100.80');
    const owner = await signIn(t, 'quiet', 'the right passphrase');
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export.csv',
      headers: owner.headers,
    });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: owner.headers,
    });
    expect(list.statusCode).toBe(200);
    const audit = JSON.stringify(
      await t.ctx.db.kysely.selectFrom('auditLog').selectAll().execute(),
    );
    const throttles = JSON.stringify(
      await t.ctx.db.kysely.selectFrom('loginThrottles').selectAll().execute(),
    );
    for (const text of [audit, throttles, csv.body, list.body])
      expect(text.toLowerCase()).not.toContain(typed.toLowerCase());
    // A real user's failure still names them; the throttle never holds a username in clear.
    expect(audit).toContain('"actorName":"quiet"');
    expect(throttles).not.toContain('quiet');
    // Repeated tries of one unknown name can still be told apart from other names.
    const refs = (
      await t.ctx.db.kysely
        .selectFrom('auditLog')
        .select('details')
        .where('ip', '=', '198.51.100.80')
        .where('actorType', '=', 'anonymous')
        .execute()
    ).map((r) => (JSON.parse(r.details) as { usernameRef?: string }).usernameRef);
    expect(refs).toHaveLength(3);
    expect(new Set(refs).size).toBe(1);
    expect(refs[0]).toMatch(/^[0-9a-f]{12}$/);
  });
});
