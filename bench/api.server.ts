/**
 * The system under test of `api`, in its own process (as campaign-dispatch.server.ts): the
 * full app on a SQLite file, Graph calls to the benchmark's simulator, status webhooks back.
 * Set up for the API: an API key (`send`, `read`) with the per-key limit raised out of the
 * way, and a webhook endpoint on the benchmark's local receiver (loopback allowed). The job
 * worker starts only when asked, so the outbox can be filled before deliveries are timed.
 * Control surface on a second port: POST /campaign, GET /campaign/:id, POST /events,
 * POST /worker. Prints `{ port, controlPort, apiKey, endpointSecret }` when ready.
 *
 * argv: <dataDir> <simulatorUrl> <receiverUrl>
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createLogger } from '../apps/server/src/logger';
import { userWithRole } from '../apps/server/src/modules/auth/auth.testkit';
import type { TemplatesModule } from '../apps/server/src/modules/templates/templates.module';
import type { IntegrationsService } from '../apps/server/src/modules/integrations/integrations.service';
import { allowedPrivateSetting } from '../apps/server/src/modules/integrations/integrations.settings';
import { apiKeyRateLimitSetting } from '../apps/server/src/platform/rate-limit/rate-limit.http';
import { readCounts } from '../apps/server/src/modules/campaigns/campaigns.counts.repo';
import {
  insertRunningCampaign,
  newNumbers,
} from '../apps/server/src/modules/campaigns/dispatch/dispatch.testkit';

// The simulator's default account (apps/simulator/src/state/seed.ts).
const SIM = {
  token: 'sim_access_token',
  appSecret: 'sim_app_secret_123',
  wabaId: '102290129340398',
};
const [dataDir = '', simUrl = '', receiverUrl = ''] = process.argv.slice(2);
fs.mkdirSync(dataDir, { recursive: true });

const config = loadConfig({
  KIANA_DATA_DIR: dataDir,
  KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  KIANA_PUBLIC_URL: 'http://localhost:3000',
  HOST: '127.0.0.1',
  KIANA_GRAPH_URL: simUrl,
  PORT: '0',
});
const kiana = await buildApp({ config, serveWeb: false, logger: createLogger('warn') });
const db = kiana.ctx.db.kysely;
const owner = await userWithRole(kiana, 'owner');
const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
  const res = await kiana.app.inject({ method, url, headers: owner.headers, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
};

const account = await call('POST', '/api/v1/whatsapp/accounts', {
  name: 'Bench',
  wabaId: SIM.wabaId,
  accessToken: SIM.token,
  appSecret: SIM.appSecret,
});
const accountId = String(account.id);
// Reads the WABA's numbers into the panel, as the accounts page's connection test does.
const tested = await call('POST', `/api/v1/whatsapp/accounts/${accountId}/test`, {});
if (tested.ok !== true) throw new Error(`not connected: ${JSON.stringify(tested)}`);
const templates = kiana.modules.find((m) => m.name === 'templates') as
  TemplatesModule['module'] | undefined;
await templates?.templates.sync(accountId);
await db.updateTable('waPhoneNumbers').set({ throughputLevel: 'HIGH' }).execute();
await db.updateTable('waAccounts').set({ messagingLimitTier: 'TIER_UNLIMITED' }).execute();
const hello = await db
  .selectFrom('waTemplates')
  .select(['id', 'name', 'language', 'category'])
  .where('name', '=', 'hello_world')
  .executeTakeFirstOrThrow();

// The benchmark measures sending, not the per-key request limit (600 a minute by default).
await kiana.ctx.settings.set(db, apiKeyRateLimitSetting, 100_000);
await kiana.ctx.settings.set(db, allowedPrivateSetting, ['127.0.0.1/32']);
const apiKey = String(
  (await call('POST', '/api/v1/api-keys', { name: 'bench', scopes: ['send', 'read'] })).secret,
);
const endpoint = await call('POST', '/api/v1/integrations/webhooks', {
  url: receiverUrl,
  events: ['contact.opted_in'],
});
const integrations = (
  kiana.modules.find((m) => m.name === 'integrations') as unknown as {
    service: IntegrationsService;
  }
).service;

await kiana.app.listen({ host: '127.0.0.1', port: 0 });
kiana.dispatch.module.start();

const control = Fastify({ logger: false });
control.post('/campaign', async (request) => {
  const body = request.body as { phoneNumberId: string; first: number; count: number };
  const id = await db.transaction().execute((tx) =>
    insertRunningCampaign(tx, {
      accountId,
      phoneNumberId: body.phoneNumberId,
      template: hello,
      phones: newNumbers(body.count, body.first),
      now: Date.now(),
    }),
  );
  void kiana.dispatch.supervisor.poll();
  return { id };
});
control.get('/campaign/:id', async (request) => {
  const { id } = request.params as { id: string };
  const row = await db
    .selectFrom('campaigns')
    .select(['status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, counts: await readCounts(db, id) };
});
// Outbox events (with their deliveries and jobs), 100 to a transaction, as changes write them.
control.post('/events', async (request) => {
  const { count } = request.body as { count: number };
  for (let i = 0; i < count; i += 100)
    await db.transaction().execute(async (tx) => {
      for (let j = i; j < Math.min(count, i + 100); j++)
        await integrations.emitOutgoing(tx, {
          type: 'contact.opted_in',
          data: { contactId: `bench-${j}`, source: 'api', at: Date.now() },
        });
    });
  return { count };
});
control.post('/worker', async () => {
  kiana.ctx.scheduler.start();
  kiana.worker.start();
  return { started: true };
});
await control.listen({ host: '127.0.0.1', port: 0 });

const portOf = (a: ReturnType<typeof control.server.address>) =>
  typeof a === 'object' && a !== null ? a.port : 0;
process.stdout.write(
  `${JSON.stringify({
    port: portOf(kiana.app.server.address()),
    controlPort: portOf(control.server.address()),
    apiKey,
    endpointSecret: String(endpoint.secret),
  })}\n`,
);

const stop = async () => {
  await control.close();
  await kiana.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
