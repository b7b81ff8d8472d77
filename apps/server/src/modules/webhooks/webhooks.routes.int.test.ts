import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { signBody } from './webhooks.signature';
import { inboundEnvelope, statusEnvelope } from './webhooks.testkit';

const SECRET = 'routes_test_app_secret';
const WABA = '102000000000001';

let kiana: TestApp;
let admin: SignedIn;
let viewer: SignedIn;

async function postWebhook(body: unknown, secret = SECRET) {
  const raw = JSON.stringify(body);
  return await kiana.app.inject({
    method: 'POST',
    url: '/webhooks/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, secret) },
    payload: raw,
  });
}

beforeAll(async () => {
  // Outbound Graph calls (the media download) go to a closed loopback port, never the internet.
  kiana = await buildTestApp({ env: { KIANA_GRAPH_URL: 'http://127.0.0.1:9' } });
  admin = await userWithRole(kiana, 'admin');
  viewer = await userWithRole(kiana, 'viewer');
  const created = await kiana.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: admin.headers,
    payload: {
      name: 'Routes',
      wabaId: WABA,
      accessToken: 'routes_access_token',
      appSecret: SECRET,
      verifyToken: 'routes-verify-token',
    },
  });
  expect(created.statusCode, created.body).toBeLessThan(300);
});
afterAll(async () => {
  await kiana.close();
});

describe(`the webhook receiver and log in the app on ${testDialect}`, () => {
  it('verifies the handshake with the account’s verify token', async () => {
    const res = await kiana.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=routes-verify-token&hub.challenge=42abc',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('42abc');
  });

  it('lists, searches by message id and phone number, shows the raw body, and replays', async () => {
    const wamid = `wamid.routes-${Date.now()}`;
    expect(
      (
        await postWebhook(
          inboundEnvelope({
            from: '16505559876',
            id: wamid,
            timestamp: '1767000000',
            type: 'text',
            text: { body: 'hi' },
          }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await postWebhook(
          statusEnvelope(
            [
              {
                id: 'wamid.other',
                status: 'sent',
                timestamp: '1767000001',
                recipient_id: '447700900123',
              },
            ],
            WABA,
          ),
        )
      ).statusCode,
    ).toBe(200);

    const all = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events',
      headers: viewer.headers,
    });
    expect(all.statusCode).toBe(200);
    const page = all.json<{
      events: { id: string; field: string; accountId: string | null; status: string }[];
      total: number;
    }>();
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.events[0]?.accountId).not.toBeNull();

    const byId = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/events?q=${wamid}`,
      headers: viewer.headers,
    });
    const found = byId.json<{ events: { id: string }[] }>().events;
    expect(found).toHaveLength(1);
    const byPhone = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/events?q=${encodeURIComponent('+44 7700 900123')}`,
      headers: viewer.headers,
    });
    expect(byPhone.json<{ events: unknown[] }>().events).toHaveLength(1);

    const id = found[0]?.id ?? '';
    // `_` and `%` in a search are literal on both dialects (SQLite has no default LIKE escape).
    for (const other of ['wamid.lit_eral', 'wamid.litXeral'])
      expect(
        (
          await postWebhook(
            statusEnvelope(
              [{ id: other, status: 'sent', timestamp: '1767000002', recipient_id: '1555' }],
              WABA,
            ),
          )
        ).statusCode,
      ).toBe(200);
    const literal = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events?q=lit_eral',
      headers: viewer.headers,
    });
    expect(literal.json<{ total: number }>().total).toBe(1);
    const byField = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events?field=messages&status=processed',
      headers: viewer.headers,
    });
    expect(byField.json<{ total: number }>().total).toBeGreaterThanOrEqual(4);

    const detail = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/events/${id}`,
      headers: viewer.headers,
    });
    expect(detail.json<{ raw: string; status: string }>()).toMatchObject({ status: 'processed' });
    expect(JSON.parse(detail.json<{ raw: string }>().raw)).toMatchObject({
      object: 'whatsapp_business_account',
    });

    // Replay changes data: a viewer may not, an admin may (and it is audited).
    const denied = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/events/${id}/replay`,
      headers: viewer.headers,
    });
    expect(denied.statusCode).toBe(403);
    const replayed = await kiana.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/events/${id}/replay`,
      headers: admin.headers,
    });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json<{ status: string; attempts: number }>()).toMatchObject({
      status: 'processed',
      attempts: 2,
    });
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['actorId', 'targetId'])
      .where('action', '=', 'webhook.replay')
      .execute();
    expect(audit).toEqual([{ actorId: admin.userId, targetId: id }]);
    const messages = await kiana.ctx.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('wamid', '=', wamid)
      .execute();
    expect(messages).toHaveLength(1);
  });

  it('serves downloaded media to signed-in users only', async () => {
    const wamid = `wamid.media-${Date.now()}`;
    const image = { id: '998877', mime_type: 'image/jpeg', sha256: 'x' };
    expect(
      (
        await postWebhook(
          inboundEnvelope({
            from: '16505550042',
            id: wamid,
            timestamp: '1767000000',
            type: 'image',
            image,
          }),
        )
      ).statusCode,
    ).toBe(200);
    const messageRow = () =>
      kiana.ctx.db.kysely
        .selectFrom('messages')
        .select(['id', 'mediaStatus'])
        .where('wamid', '=', wamid)
        .executeTakeFirstOrThrow();
    // The background download runs first (and fails: no Graph API here); wait for it.
    await expect
      .poll(async () => (await messageRow()).mediaStatus, { timeout: 10_000 })
      .not.toBe('pending');
    const row = await messageRow();
    // As if the background download had finished (this app has no Graph API to fetch from).
    fs.mkdirSync(path.join(kiana.dataDir, 'media'), { recursive: true });
    fs.writeFileSync(path.join(kiana.dataDir, 'media', row.id), 'jpeg bytes');
    await kiana.ctx.db.kysely
      .updateTable('messages')
      .set({ mediaStatus: 'downloaded', mediaPath: row.id, mediaSize: 10 })
      .where('id', '=', row.id)
      .execute();
    const ok = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/media/${row.id}`,
      headers: viewer.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.body).toBe('jpeg bytes');
    const anonymous = await kiana.app.inject({ method: 'GET', url: `/api/v1/media/${row.id}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses the log to anonymous callers', async () => {
    const res = await kiana.app.inject({ method: 'GET', url: '/api/v1/webhooks/events' });
    expect(res.statusCode).toBe(401);
    const media = await kiana.app.inject({ method: 'GET', url: '/api/v1/media/some-id' });
    expect(media.statusCode).toBe(401);
    const stream = await kiana.app.inject({ method: 'GET', url: '/api/v1/events/stream' });
    expect(stream.statusCode).toBe(401);
  });

  it('records refused signatures in the security log, rate-limited', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await postWebhook(statusEnvelope([], WABA), 'forged-secret')).statusCode).toBe(401);
    const rows = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['action', 'outcome'])
      .where('action', '=', 'webhook.signature_failed')
      .execute();
    expect(rows).toHaveLength(1);
    const page = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events',
      headers: viewer.headers,
    });
    expect(page.json<{ signatureFailures: number }>().signatureFailures).toBe(3);
  });

  it('streams bus events to a signed-in user over SSE', async () => {
    await kiana.app.listen({ host: '127.0.0.1', port: 0 });
    const address = kiana.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/events/stream',
          headers: { cookie: viewer.cookie },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('event: webhooks.event')) {
              req.destroy();
              resolve(text);
            }
          });
          void postWebhook(
            statusEnvelope(
              [{ id: 'wamid.sse', status: 'sent', timestamp: '1767000003', recipient_id: '1555' }],
              WABA,
            ),
          );
        },
      );
      req.on('error', reject);
    });
    const line = received
      .split('\n')
      .find((l) => l.startsWith('data: ') && l.includes('webhooks.event'));
    expect(JSON.parse(line?.slice(6) ?? '{}')).toMatchObject({
      name: 'webhooks.event',
      payload: { field: 'messages', status: 'processed' },
    });
  });
});
