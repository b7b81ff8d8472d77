import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { manualClock } from '../../platform/clock';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { allowedPrivateSetting } from './integrations.settings';
import { startReceiver } from './integrations.receiver.testkit';
import type { IntegrationsService } from './integrations.service';
import * as repo from './integrations.repo';

describe(`outgoing webhooks on ${testDialect}`, () => {
  const clock = manualClock(Date.now());
  let t: TestApp;
  let admin: SignedIn;
  let secret = '';
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let endpointId = '';
  let service: IntegrationsService;

  const drain = async () => {
    for (let i = 0; i < 5; i++) await t.worker.drainOnce();
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'info', clock });
    admin = await userWithRole(t, 'admin');
    receiver = await startReceiver({ secret: () => secret, now: () => clock.now() });
    service = (
      t.modules.find((m) => m.name === 'integrations') as unknown as {
        service: IntegrationsService;
      }
    ).service;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('refuses a loopback URL until an admin allows loopback', async () => {
    const body = { url: receiver.url, events: ['message.received', 'contact.opted_out'] };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      headers: admin.headers,
      payload: body,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ message: string }>().message).toMatch(/private or reserved/);
    for (const url of [
      'http://[::ffff:127.0.0.1]/x',
      'http://169.254.169.254/latest',
      'http://[fd00::1]/x',
      'http://10.1.2.3/',
    ])
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/integrations/webhooks',
            headers: admin.headers,
            payload: { ...body, url },
          })
        ).statusCode,
      ).toBe(400);

    await t.ctx.settings.set(t.ctx.db.kysely, allowedPrivateSetting, ['127.0.0.1/32']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      headers: admin.headers,
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const answer = created.json<{
      endpoint: { id: string; secret: { hint: string } };
      secret: string;
    }>();
    secret = answer.secret;
    endpointId = answer.endpoint.id;
    expect(secret).toMatch(/^whsec_/);
    // Only the hint afterwards, and the stored column is sealed.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/webhooks',
      headers: admin.headers,
    });
    expect(list.body).not.toContain(secret);
    const row = await repo.findEndpoint(t.ctx.db.kysely, endpointId);
    expect(row?.secret).not.toContain(secret);
  });

  it('delivers a signed event, retrying after two failures, with every attempt recorded', async () => {
    receiver.failNext(500, 500);
    const eventId = await t.ctx.db.kysely.transaction().execute((tx) =>
      service.emitOutgoing(tx, {
        type: 'contact.opted_out',
        data: { contactId: 'c1', source: 'keyword', at: 1 },
      }),
    );
    await drain();
    clock.advance(60_000);
    await drain();
    clock.advance(120_000);
    await drain();
    const mine = receiver.got.filter((r) => r.id === eventId);
    expect(mine.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(mine.every((r) => r.verified)).toBe(true);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/integrations/webhooks/${endpointId}/deliveries`,
      headers: admin.headers,
    });
    const [delivery] = res.json<{
      deliveries: {
        id: string;
        status: string;
        attemptLog: { httpStatus: number; responseExcerpt: string }[];
      }[];
    }>().deliveries;
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attemptLog.map((a) => a.httpStatus)).toEqual([500, 500, 200]);
    expect(delivery?.attemptLog[0]?.responseExcerpt.length).toBe(500);

    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/integrations/deliveries/${delivery?.id}/replay`,
      headers: admin.headers,
    });
    expect(replay.statusCode).toBe(202);
    await drain();
    expect(receiver.got.filter((r) => r.id === eventId && r.status === 200)).toHaveLength(2);
  });

  it('refuses at delivery time once loopback is no longer allowed', async () => {
    await t.ctx.settings.set(t.ctx.db.kysely, allowedPrivateSetting, []);
    const before = receiver.got.length;
    const ping = await t.app.inject({
      method: 'POST',
      url: `/api/v1/integrations/webhooks/${endpointId}/ping`,
      headers: admin.headers,
    });
    expect(ping.statusCode).toBe(202);
    await drain();
    expect(receiver.got.length).toBe(before);
    const deliveries = await service.deliveries(endpointId);
    const pinged = deliveries.find((d) => d.id === ping.json<{ deliveryId: string }>().deliveryId);
    expect(pinged?.status).toBe('failed');
    expect(pinged?.attemptLog[0]?.error).toMatch(/private or reserved/);
    await t.ctx.settings.set(t.ctx.db.kysely, allowedPrivateSetting, ['127.0.0.1/32']);
  });

  it('disables an endpoint failing for longer than the setting, with a security-log alert', async () => {
    receiver.failNext(...Array.from({ length: 40 }, () => 503));
    await t.ctx.db.kysely.transaction().execute((tx) =>
      service.emitOutgoing(tx, {
        type: 'contact.opted_out',
        data: { contactId: 'c2', source: 'keyword', at: 2 },
      }),
    );
    for (
      let i = 0;
      i < 12 && (await repo.findEndpoint(t.ctx.db.kysely, endpointId))?.state === 'enabled';
      i++
    ) {
      await drain();
      clock.advance(3 * 60 * 60_000);
    }
    expect((await repo.findEndpoint(t.ctx.db.kysely, endpointId))?.state).toBe('auto_disabled');
    // The clock moved past the session's lifetime: sign in again.
    admin = await userWithRole(t, 'admin');
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=integrations.endpoint_auto_disabled',
      headers: admin.headers,
    });
    expect(audit.body).toContain('integrations.endpoint_auto_disabled');
  });

  it('never writes an endpoint secret to the log', () => {
    expect(t.logLines.join('\n')).not.toContain(secret);
  });
});
