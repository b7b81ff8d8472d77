import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

/**
 * A change and its audit record commit together or not at all. The audit table is renamed
 * away, so every audit insert fails inside the change's transaction: the change must be
 * rolled back with it, and the request must fail rather than succeed unaudited.
 */
describe('a change and its audit record are one transaction', () => {
  let t: TestApp;
  let owner: SignedIn;

  const breakAuditLog = () =>
    sql`alter table audit_log rename to audit_log_off`.execute(t.ctx.db.kysely);
  const repairAuditLog = () =>
    sql`alter table audit_log_off rename to audit_log`.execute(t.ctx.db.kysely);

  const changes = [
    {
      name: 'creating a user',
      request: () => ({
        method: 'POST' as const,
        url: '/api/v1/users',
        payload: { username: 'rolled-back', password: 'a long enough passphrase', role: 'agent' },
      }),
      stored: async () =>
        (await t.ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'rolled-back')
          .executeTakeFirst()) !== undefined,
      action: 'user.create',
    },
    {
      name: 'connecting a WhatsApp account (credentials set)',
      request: () => ({
        method: 'POST' as const,
        url: '/api/v1/whatsapp/accounts',
        payload: {
          name: 'Rolled back',
          wabaId: '123456789012345',
          accessToken: 'an-access-token-value',
          appSecret: 'an-app-secret',
        },
      }),
      stored: async () =>
        (await t.ctx.db.kysely
          .selectFrom('waAccounts')
          .select('id')
          .where('wabaId', '=', '123456789012345')
          .executeTakeFirst()) !== undefined,
      action: 'credentials.set',
    },
    {
      name: 'changing the retention periods',
      request: () => ({
        method: 'PUT' as const,
        url: '/api/v1/privacy/retention',
        payload: {
          periods: {
            messages_media: 90,
            webhook_events: 3,
            graph_api_logs: 30,
            audit_log: 365,
            deletion_requests: 365,
            campaign_recipients: 365,
            inactive_contacts: 730,
          },
        },
      }),
      stored: async () =>
        (await t.ctx.db.kysely
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'privacy.retention')
          .executeTakeFirst()) !== undefined,
      action: 'privacy.retention.update',
    },
  ];

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    owner = await userWithRole(t, 'owner');
  });
  afterAll(async () => {
    await t.close();
  });

  for (const change of changes) {
    it(`rolls back ${change.name} when its audit record cannot be written`, async () => {
      await breakAuditLog();
      try {
        const res = await t.app.inject({ ...change.request(), headers: owner.headers });
        expect(res.statusCode).toBe(500);
        expect(await change.stored()).toBe(false);
      } finally {
        await repairAuditLog();
      }

      // The same request with a working audit log stores the change and its record.
      const res = await t.app.inject({ ...change.request(), headers: owner.headers });
      expect(res.statusCode).toBeLessThan(300);
      expect(await change.stored()).toBe(true);
      const records = await t.ctx.db.kysely
        .selectFrom('auditLog')
        .select('actorId')
        .where('action', '=', change.action)
        .where('actorId', '=', owner.userId)
        .execute();
      expect(records).toEqual([{ actorId: owner.userId }]);
    });
  }
});
