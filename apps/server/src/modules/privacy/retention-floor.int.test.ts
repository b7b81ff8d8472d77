import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRetentionDays } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { SECURITY_LOG_FLOOR_DAYS } from './privacy.settings';

/** Finding 9 of the outside probe: the security log's retention cannot be cut to erase it. */
describe('security log retention', () => {
  let t: TestApp;
  let owner: SignedIn;
  let admin: SignedIn;
  const put = (who: SignedIn, auditDays: number) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/privacy/retention',
      headers: who.headers,
      payload: { periods: { ...defaultRetentionDays, audit_log: auditDays } },
    });
  const changes = () =>
    t.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['outcome', 'actorName', 'details'])
      .where('action', '=', 'privacy.retention.update')
      .orderBy('at')
      .execute();

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    owner = await userWithRole(t, 'owner');
    admin = await userWithRole(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an admin lengthen it but not shorten it, and logs both', async () => {
    expect((await put(admin, 400)).statusCode).toBe(200);
    const shorter = await put(admin, 200);
    expect(shorter.statusCode).toBe(403);
    expect(shorter.json().code).toBe('owner_required');
    const log = await changes();
    expect(log.map((r) => r.outcome)).toEqual(['success', 'denied']);
    expect(JSON.parse(log[1]?.details ?? '{}')).toMatchObject({
      audit_log: 200,
      auditLogBefore: 400,
    });
  });

  it('lets the owner shorten it, never below the floor', async () => {
    expect((await put(owner, 120)).statusCode).toBe(200);
    const tooShort = await put(owner, 1);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().message).toContain(String(SECURITY_LOG_FLOOR_DAYS));
    const now = await t.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/retention',
      headers: owner.headers,
    });
    expect(now.json().periods.audit_log).toBe(120);
  });

  it('never purges the log sooner than the floor, whatever an older version stored', async () => {
    await t.ctx.db.kysely
      .updateTable('settings')
      .set({ value: JSON.stringify({ ...defaultRetentionDays, audit_log: 1 }) })
      .where('key', '=', 'privacy.retention')
      .execute();
    // The value came from outside this process's settings store: drop its cached copy.
    t.ctx.bus.publish('cache.invalidate', { scope: 'settings', id: 'privacy.retention' });
    const now = await t.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/retention',
      headers: owner.headers,
    });
    expect(now.json().periods.audit_log).toBe(SECURITY_LOG_FLOOR_DAYS);
  });
});
