import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@kiana/simulator';
import { buildApp, type KianaApp } from '../../../app';
import { loadConfig } from '../../../config';
import { openDatabase, type Db } from '../../../db/database';
import { migrateToLatest } from '../../../db/migrate';
import { createLogger } from '../../../logger';
import { createTestDatabaseUrl, testDialect } from '../../../../test/test-db';
import { freePort, waitReady } from '../../../../test/process-kit';
import { startProc, waitFor, type Proc } from '../../../../test/multi-process.kit';
import { connectSimAccount, SIM, templatesServiceOf } from '../../accounts/accounts.testkit';
import { TEST_ORIGIN, userWithRole } from '../../auth/auth.testkit';
import type { TestApp } from '../../../../test/test-app';
import { readCounts } from '../campaigns.counts.repo';
import { insertRunningCampaign, newNumbers, statusesOf } from './dispatch.testkit';

// Issue 15, "the crash test": a campaign sent by a real server process (`kiana start`) on a
// SQLite file, killed with SIGKILL three times at random moments while it sends and started
// again. The simulator is the oracle: nobody received the message twice, and every recipient
// ends in a state that matches what the simulator saw — delivered if it accepted the message
// (the status webhooks carry the attempt id, so even a send whose answer died with the
// process is resolved), `unknown` if the request was in flight at the kill and never arrived
// (never sent again blindly). KIANA_CRASH_RECIPIENTS overrides the size (20,000).

const RECIPIENTS = Number(process.env.KIANA_CRASH_RECIPIENTS ?? 20_000);
const KILLS = 3;

describe.runIf(testDialect === 'sqlite')('the dispatcher survives SIGKILL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-crash-'));
  const procs: Proc[] = [];
  let sim: RunningSimulator | undefined;
  let db: Db | undefined;
  let setup: KianaApp | undefined;

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exit));
    await setup?.close();
    await db?.close();
    await sim?.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(`${RECIPIENTS} recipients, ${KILLS} kills: at most once each, every state as the simulator saw it`, async () => {
    const database = await createTestDatabaseUrl(dataDir);
    sim = await startSimulator({
      randomSeed: 11,
      waba: { messagingLimitTier: 'TIER_UNLIMITED' },
      limits: { pairEnabled: false, tierEnabled: false, autoScaling: false },
      statuses: { sentLatencyMs: 5, deliveredLatencyMs: 20, readProbability: 0, batchWindowMs: 50 },
      maxStoredMessages: RECIPIENTS * 2,
    });
    sim.control.upsertNumber({ id: SIM.phoneId, throughputLevel: 'HIGH' });
    const env: Record<string, string> = {
      KIANA_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
      KIANA_PUBLIC_URL: TEST_ORIGIN,
      KIANA_GRAPH_URL: sim.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    db = openDatabase(loadConfig(env).database);
    await migrateToLatest(db);
    // Set-up through an in-process app on the same file: the account, its templates, the
    // number upgraded and the portfolio unlimited, then the running campaign.
    setup = await buildApp({
      config: loadConfig(env),
      db,
      logger: createLogger('warn'),
      serveWeb: false,
    });
    const admin = await userWithRole(setup, 'admin');
    const accountId = (await connectSimAccount(setup.app, admin)).id;
    await templatesServiceOf(setup as TestApp).sync(accountId);
    const k = db.kysely;
    await k.updateTable('waPhoneNumbers').set({ throughputLevel: 'HIGH' }).execute();
    await k.updateTable('waAccounts').set({ messagingLimitTier: 'TIER_UNLIMITED' }).execute();
    const hello = await k
      .selectFrom('waTemplates')
      .select(['id', 'name', 'language', 'category'])
      .where('name', '=', 'hello_world')
      .executeTakeFirstOrThrow();
    const phones = newNumbers(RECIPIENTS, 3_000_001);
    const campaignId = await k.transaction().execute((tx) =>
      insertRunningCampaign(tx, {
        accountId,
        phoneNumberId: SIM.phoneId,
        template: hello,
        phones,
        now: Date.now(),
      }),
    );

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    sim.control.setWebhookUrl(`${url}/webhooks/whatsapp`);
    const start = async (): Promise<Proc> => {
      const proc = startProc(['start'], { ...env, PORT: String(port) });
      procs.push(proc);
      await waitReady(url, 90_000).catch((error: unknown) => {
        throw new Error(`server did not start: ${String(error)}\n${proc.output()}`);
      });
      return proc;
    };
    const accepted = () => sim?.control.counts({ phoneNumberId: SIM.phoneId }).total ?? 0;

    let proc = await start();
    let kills = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      // A random moment while it sends: somewhere in the kill's share of the campaign.
      // (Counted in what is left to claim: each kill turns what was in flight into `unknown`.)
      const left = Math.floor(RECIPIENTS * (1 - (kill - 0.4 * Math.random()) / (KILLS + 1)));
      const queued = async () => (await readCounts(k, campaignId)).queued;
      await waitFor('sends before the kill', async () => (await queued()) <= left, 180_000).catch(
        async (error: unknown) => {
          const campaign = await k
            .selectFrom('campaigns')
            .select(['status', 'pauseReason', 'pauseDetail'])
            .where('id', '=', campaignId)
            .executeTakeFirst();
          const requests = sim?.control.requests().slice(-5) ?? [];
          throw new Error(
            `${String(error)} ${kill}: ${accepted()} accepted, ${JSON.stringify(await statusesOf(k, campaignId))}, campaign ${JSON.stringify(campaign)}, last requests ${JSON.stringify(requests)}\n${proc.output().slice(-3000)}`,
          );
        },
      );
      if ((await queued()) === 0) break;
      proc.child.kill('SIGKILL');
      await proc.exit;
      kills += 1;
      proc = await start();
    }
    expect(kills).toBe(KILLS);

    // The end: nothing queued or sending, and every webhook the simulator owes delivered.
    await waitFor(
      'the campaign to finish',
      async () => {
        const c = await readCounts(k, campaignId);
        return c.queued + c.sending + c.deferred === 0;
      },
      300_000,
    );
    await sim.control.flush(30_000);
    const seen = sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient;
    const rowsMatch = async () => {
      const rows = await k
        .selectFrom('campaignRecipients')
        .select(['phoneE164', 'status'])
        .where('campaignId', '=', campaignId)
        .execute();
      const wrong = rows.filter(
        (r) => (r.status === 'delivered') !== (seen[r.phoneE164.slice(1)] ?? 0) > 0,
      );
      return wrong.length === 0 ? rows : false;
    };
    const rows = await waitFor('every state to match the simulator', rowsMatch, 60_000).catch(
      async (error: unknown) => {
        throw new Error(
          `${String(error)}: ${JSON.stringify(await statusesOf(k, campaignId))}\n${proc.output().slice(-2000)}`,
        );
      },
    );
    // At most once per recipient.
    const twice = Object.entries(seen).filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    // Those the simulator never saw were in flight at a kill: unknown, never re-sent blindly.
    const statuses = await statusesOf(k, campaignId);
    expect(Object.keys(statuses).sort()).toEqual(
      statuses.unknown === undefined ? ['delivered'] : ['delivered', 'unknown'],
    );
    expect(rows).toHaveLength(RECIPIENTS);
    const ours = new Set(phones);
    expect(statuses.delivered).toBe(Object.keys(seen).filter((w) => ours.has(`+${w}`)).length);
    const counts = await readCounts(k, campaignId);
    expect(counts.delivered).toBe(statuses.delivered);
    expect(counts.unknown).toBe(statuses.unknown ?? 0);
    proc.child.kill('SIGTERM');
  }, 600_000);
});
