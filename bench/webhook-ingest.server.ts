/**
 * The system under test of `webhook-ingest`, run as its own process so the load generator
 * does not share its event loop: the full app (buildApp) on a SQLite file, one WhatsApp
 * account with an app secret, and `messages` outbound messages to advance. Beside it, on a
 * second port, the ceiling: a bare Fastify handler that checks the same signature and
 * stores nothing, plus `/stats` for the benchmark to confirm what was applied.
 * Prints one JSON line `{ port, ceilingPort }` when ready.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createLogger } from '../apps/server/src/logger';
import { emptyMessage } from '../apps/server/src/modules/conversations/conversations.service';
import { userWithRole } from '../apps/server/src/modules/auth/auth.testkit';

const messages = Number(process.argv[2] ?? 300_000);
const appSecret = 'bench_app_secret_456';
const wabaId = '102000000000001';
const phoneNumberId = '106000000000001';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-'));
const config = loadConfig({
  KIANA_DATA_DIR: dataDir,
  KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  KIANA_PUBLIC_URL: 'http://localhost:3000',
  HOST: '127.0.0.1',
  // Any Graph API call goes to a closed loopback port, never the internet.
  KIANA_GRAPH_URL: 'http://127.0.0.1:9',
  PORT: '0',
});
const kiana = await buildApp({ config, serveWeb: false, logger: createLogger('warn') });
const owner = await userWithRole(kiana, 'owner');
const created = await kiana.app.inject({
  method: 'POST',
  url: '/api/v1/whatsapp/accounts',
  headers: owner.headers,
  payload: {
    name: 'Bench',
    wabaId,
    accessToken: 'bench_access_token',
    appSecret,
    verifyToken: 'bench-verify-token',
  },
});
if (created.statusCode >= 300) throw new Error(`account not created: ${created.body}`);
const accountId = (created.json() as { id: string }).id;

// The matching outbound messages, written in bulk (one contact, one conversation).
const db = kiana.ctx.db.kysely;
const now = Date.now();
await db
  .insertInto('contacts')
  .values({
    id: 'bench-contact',
    waId: '15550002222',
    phoneE164: '+15550002222',
    profileName: null,
    isOptedOut: 0,
    optedOutAt: null,
    optOutSource: null,
    optedInAt: null,
    optInSource: null,
    lastInboundAt: null,
    createdAt: now,
    updatedAt: now,
  })
  .execute();
await db
  .insertInto('conversations')
  .values({
    id: 'bench-conv',
    phoneNumberId,
    accountId,
    contactId: 'bench-contact',
    lastMessageAt: now,
    lastInboundAt: null,
    windowExpiresAt: null,
    unreadCount: 0,
    createdAt: now,
    updatedAt: now,
  })
  .execute();
const nulls = emptyMessage();
const CHUNK = 600;
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < messages; i += CHUNK) {
    const rows = [];
    for (let j = i; j < Math.min(messages, i + CHUNK); j += 1) {
      rows.push({
        ...nulls,
        id: `m${j}`,
        conversationId: 'bench-conv',
        contactId: 'bench-contact',
        accountId,
        phoneNumberId,
        wamid: `wamid.bench.${j}`,
        direction: 'out' as const,
        type: 'template',
        text: null,
        payload: '{}',
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      });
    }
    await trx.insertInto('messages').values(rows).execute();
  }
});
await kiana.app.listen({ host: '127.0.0.1', port: 0 });
kiana.ctx.scheduler.start();
kiana.worker.start();

// The ceiling: the same raw-body route and signature check, and nothing else.
const key = createSecretKey(Buffer.from(appSecret, 'utf8'));
const bare = Fastify({ logger: false });
bare.removeAllContentTypeParsers();
bare.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_r, body, done) =>
  done(null, body),
);
bare.post('/webhooks/whatsapp', async (request, reply) => {
  const header = String(request.headers['x-hub-signature-256'] ?? '');
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', key)
    .update(request.body as Buffer)
    .digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return reply.code(401).send();
  return reply.code(200).send('EVENT_RECEIVED');
});
// Between rounds: every message back to pending and the event log emptied, so that each
// round applies real transitions (not no-ops on read messages) and no body is a duplicate.
bare.post('/reset', async () => {
  await db
    .updateTable('messages')
    .set({
      status: 'pending',
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      pricingModel: null,
      pricingCategory: null,
      pricingType: null,
      pricingBillable: null,
    })
    .execute();
  await db.deleteFrom('webhookEvents').execute();
  return { ok: true };
});
bare.get('/stats', async () => {
  const byStatus = await db
    .selectFrom('messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const events = await db
    .selectFrom('webhookEvents')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return {
    messages: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    events: Object.fromEntries(events.map((r) => [r.status, Number(r.n)])),
  };
});
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (a: ReturnType<typeof bare.server.address>) =>
  typeof a === 'object' && a !== null ? a.port : 0;
process.stdout.write(
  `${JSON.stringify({ port: portOf(kiana.app.server.address()), ceilingPort: portOf(bare.server.address()), appSecret, wabaId, phoneNumberId })}\n`,
);

const stop = async () => {
  await bare.close();
  await kiana.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
