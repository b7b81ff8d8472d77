/**
 * The system under test of `campaign-dispatch`, run as its own process so the simulator and
 * the load checks do not share its event loop: the full app (buildApp) on a SQLite file with
 * its worker and dispatchers running, Graph calls going to the benchmark's simulator and the
 * simulator's status webhooks coming back to it. Beside it, on a second port, a small control
 * surface for the benchmark: create a campaign, read its progress. Prints one JSON line
 * `{ port, controlPort, headers, campaignPath }` when ready.
 *
 * argv: <dataDir> <simulatorUrl> [throughputOverride]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createLogger } from '../apps/server/src/logger';
import { userWithRole } from '../apps/server/src/modules/auth/auth.testkit';
import type { TemplatesModule } from '../apps/server/src/modules/templates/templates.module';
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
const [dataDir = '', simUrl = '', overrideArg] = process.argv.slice(2);
const override = overrideArg === undefined ? null : Number(overrideArg);
fs.mkdirSync(dataDir, { recursive: true });
const keyFile = path.join(dataDir, 'bench-master-key');
if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'));

const config = loadConfig({
  KIANA_DATA_DIR: dataDir,
  KIANA_MASTER_KEY: fs.readFileSync(keyFile, 'utf8'),
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  KIANA_PUBLIC_URL: 'http://localhost:3000',
  HOST: '127.0.0.1',
  KIANA_GRAPH_URL: simUrl,
  PORT: '0',
});
const kiana = await buildApp({
  config,
  serveWeb: false,
  logger: createLogger('warn'),
  dispatch: { throughputOverride: override },
});
const db = kiana.ctx.db.kysely;
const owner = await userWithRole(kiana, 'owner');

// The simulator's account and templates, once per data directory.
let account = await db.selectFrom('waAccounts').select('id').executeTakeFirst();
if (account === undefined) {
  const created = await kiana.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: owner.headers,
    payload: {
      name: 'Bench',
      wabaId: SIM.wabaId,
      accessToken: SIM.token,
      appSecret: SIM.appSecret,
    },
  });
  if (created.statusCode !== 201) throw new Error(`account not created: ${created.body}`);
  account = { id: (created.json() as { id: string }).id };
  // Reads the WABA's numbers into the panel, as the accounts page's connection test does.
  const tested = await kiana.app.inject({
    method: 'POST',
    url: `/api/v1/whatsapp/accounts/${account.id}/test`,
    headers: owner.headers,
  });
  if (tested.json<{ ok: boolean }>().ok !== true) throw new Error(`not connected: ${tested.body}`);
  const templates = kiana.modules.find((m) => m.name === 'templates') as
    TemplatesModule['module'] | undefined;
  await templates?.templates.sync(account.id);
}
const accountId = account.id;
// Both numbers upgraded: 1,000 messages per second each (as the health sync would store it).
await db.updateTable('waPhoneNumbers').set({ throughputLevel: 'HIGH' }).execute();
// An unlimited portfolio: the benchmark measures pace, not the messaging limit.
await db.updateTable('waAccounts').set({ messagingLimitTier: 'TIER_UNLIMITED' }).execute();
const hello = await db
  .selectFrom('waTemplates')
  .select(['id', 'name', 'language', 'category'])
  .where('name', '=', 'hello_world')
  .executeTakeFirstOrThrow();

await kiana.app.listen({ host: '127.0.0.1', port: 0 });
kiana.ctx.scheduler.start();
kiana.worker.start();
kiana.dispatch.module.start();

const control = Fastify({ logger: false });
control.post('/campaign', async (request) => {
  const body = request.body as {
    phoneNumberId: string;
    first: number;
    count: number;
    status?: 'running' | 'paused';
  };
  const phones = newNumbers(body.count, body.first);
  const now = Date.now();
  const id = await db.transaction().execute((tx) =>
    insertRunningCampaign(tx, {
      accountId,
      phoneNumberId: body.phoneNumberId,
      template: hello,
      phones,
      now,
      ...(body.status === undefined ? {} : { status: body.status }),
    }),
  );
  if (body.status !== 'paused') void kiana.dispatch.supervisor.poll();
  return { id };
});
control.get('/campaign/:id', async (request) => {
  const { id } = request.params as { id: string };
  const row = await db
    .selectFrom('campaigns')
    .select(['status', 'pauseReason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, counts: await readCounts(db, id) };
});
// The app process's own CPU time (user + system), so a loaded machine still gives a per-send cost.
// and the statements it ran by kind (the metrics' query histogram), a figure load cannot move.
control.get('/cpu', async () => {
  const u = process.cpuUsage();
  const statements: Record<string, number> = {};
  const { body } = await kiana.ctx.metrics.render();
  for (const m of body.matchAll(
    /^kiana_db_query_duration_seconds_count\{kind="(\w+)"[^}]*\} (\d+)/gm,
  ))
    statements[m[1] as string] = (statements[m[1] as string] ?? 0) + Number(m[2]);
  return { ms: (u.user + u.system) / 1000, statements };
});
await control.listen({ host: '127.0.0.1', port: 0 });

const portOf = (a: ReturnType<typeof control.server.address>) =>
  typeof a === 'object' && a !== null ? a.port : 0;
process.stdout.write(
  `${JSON.stringify({
    port: portOf(kiana.app.server.address()),
    controlPort: portOf(control.server.address()),
    headers: { cookie: owner.headers.cookie },
  })}\n`,
);

const stop = async () => {
  await control.close();
  await kiana.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
