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
import { findLease } from '../../../platform/locks/locks.repo';
import { leaseName } from '../../../platform/locks/lock-names';
import { createTestDatabaseUrl, testDialect } from '../../../../test/test-db';
import { freePort, waitReady } from '../../../../test/process-kit';
import { startProc, waitFor, type Proc } from '../../../../test/multi-process.kit';
import { connectSimAccount, SIM, templatesServiceOf } from '../../accounts/accounts.testkit';
import { TEST_ORIGIN, userWithRole } from '../../auth/auth.testkit';
import type { TestApp } from '../../../../test/test-app';
import { readCounts } from '../campaigns.counts.repo';
import { throughputCapsSetting } from './dispatch.module';
import { defaultDispatcherOptions } from './dispatch.number';
import { insertRunningCampaign, maxInWindow, newNumbers, statusesOf } from './dispatch.testkit';

// Issue 15, "the cluster test": on PostgreSQL, two worker processes (`kiana start --roles
// worker`) and a web process that takes the status webhooks in, one campaign on one number.
// The worker holding the number's lease is killed with SIGKILL half-way; the other must take
// the number over once the lease expires (its TTL, plus the supervisor's poll) and finish
// the campaign. The simulator is the oracle: nobody received the message twice, no sliding
// one-second window holds more arrivals than the number's configured rate, and every
// recipient ends in a state that matches what the simulator saw (delivered if it got the
// message, `unknown` if the request was in flight at the kill and never arrived).
// KIANA_CLUSTER_RECIPIENTS and KIANA_CLUSTER_RATE override the size and the number's
// configured throughput (messages per second). The suite runs 10,000 recipients (about two
// minutes); the 50,000 (about six) is `KIANA_CLUSTER_RECIPIENTS=50000`, run by hand:
// at that length, on a loaded 2-core machine, the simulator's arrival count still finds a
// second over the rate (216 against 200 on 1 Dec 2026, after three pacing fixes), an open
// finding of issue 15 rather than a flaky suite.
//
// The rate is set below what the dispatcher could send, so the token bucket really holds it
// back in the windows the oracle checks. The waits allow for a slow, loaded machine: the
// budget assumes at least 20 sends per second.

const RECIPIENTS = Number(process.env.KIANA_CLUSTER_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.KIANA_CLUSTER_RATE ?? 200);
const BUDGET_MS = Math.ceil(RECIPIENTS / 20) * 1_000 + 60_000;
const LEASE_TTL_MS = defaultDispatcherOptions.leaseTtlMs;
/** The surviving worker's supervisor polls every second; one more for a loaded machine. */
const TAKEOVER_MARGIN_MS = 2_000;

describe.runIf(testDialect === 'postgres')('two workers share a number’s dispatcher', () => {
  // Made in the test, not at collection: the SQLite project collects this file too.
  let dataDir: string | undefined;
  const procs: Proc[] = [];
  let database: { url: string; drop(): Promise<void> } | undefined;
  let sim: RunningSimulator | undefined;
  let db: Db | undefined;
  let setup: KianaApp | undefined;

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exit));
    await setup?.close();
    await db?.close();
    await database?.drop();
    await sim?.close().catch(() => undefined);
    if (dataDir !== undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    `${RECIPIENTS} recipients at ${RATE}/s, the lease holder killed: taken over within the lease time, at most once each, rate held`,
    async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-cluster-'));
      database = await createTestDatabaseUrl(dataDir);
      sim = await startSimulator({
        randomSeed: 15,
        waba: { messagingLimitTier: 'TIER_UNLIMITED' },
        limits: { pairEnabled: false, tierEnabled: false, autoScaling: false },
        statuses: {
          sentLatencyMs: 5,
          deliveredLatencyMs: 20,
          readProbability: 0,
          batchWindowMs: 50,
        },
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
      // Set-up through an in-process web node on the same database: the account, its
      // templates, the number upgraded (1,000/s) and capped at RATE, the portfolio unlimited.
      setup = await buildApp({
        config: loadConfig({ ...env, KIANA_ROLES: 'web' }),
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
      await setup.ctx.settings.set(k, throughputCapsSetting, { [SIM.phoneId]: RATE });
      const hello = await k
        .selectFrom('waTemplates')
        .select(['id', 'name', 'language', 'category'])
        .where('name', '=', 'hello_world')
        .executeTakeFirstOrThrow();

      // A web node for the status webhooks, and the two workers.
      const start = async (name: string, roles: string): Promise<Proc & { url: string }> => {
        const port = await freePort();
        const proc = startProc(['start'], { ...env, PORT: String(port), KIANA_ROLES: roles });
        procs.push(proc);
        const url = `http://127.0.0.1:${port}`;
        await waitReady(url, 180_000).catch((error: unknown) => {
          throw new Error(`${name} did not start: ${String(error)}\n${proc.output()}`);
        });
        return { ...proc, url };
      };
      const [web, ...workers] = await Promise.all([
        start('web', 'web'),
        start('worker 1', 'worker'),
        start('worker 2', 'worker'),
      ]);
      if (web === undefined) throw new Error('no web node');
      sim.control.setWebhookUrl(`${web.url}/webhooks/whatsapp`);
      const outputs = (): string =>
        procs.map((p, i) => `--- process ${i}:\n${p.output().slice(-2_000)}`).join('\n');

      const phones = newNumbers(RECIPIENTS, 5_000_001);
      const startedAt = sim.control.clockNow();
      const launchedAt = Date.now();
      /** What is left of the campaign's budget, for each wait on its progress. */
      const budgetLeft = () => launchedAt + BUDGET_MS - Date.now();
      const campaignId = await k.transaction().execute((tx) =>
        insertRunningCampaign(tx, {
          accountId,
          phoneNumberId: SIM.phoneId,
          template: hello,
          phones,
          now: Date.now(),
        }),
      );

      // Half-way, as the simulator counts, kill the worker holding the number without
      // warning. The holder is read at that moment (by the pid in the lease's owner): on a
      // loaded machine a holder can let its lease lapse and take it again, or lose it to
      // the other worker, before the kill.
      const lease = leaseName('dispatcher', SIM.phoneId);
      const holderOf = (owner: string) =>
        workers.find((w) => owner.split(':')[1] === String(w.child.pid));
      const accepted = () => sim?.control.counts({ phoneNumberId: SIM.phoneId }).total ?? 0;
      await waitFor(
        'half the campaign sent',
        async () => accepted() >= RECIPIENTS / 2,
        budgetLeft(),
      ).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}: ${accepted()} accepted, ${JSON.stringify(await statusesOf(k, campaignId))}\n${outputs()}`,
        );
      });
      const atKill = await waitFor(
        'a worker holding the number',
        async () => {
          const row = await findLease(k, lease);
          return row !== undefined && row.expiresAt > Date.now() && row;
        },
        LEASE_TTL_MS + TAKEOVER_MARGIN_MS,
      );
      const holder = holderOf(atKill.owner);
      const survivor = workers.find((w) => w !== holder);
      if (holder === undefined || survivor === undefined)
        throw new Error(`lease owner ${atKill.owner} is neither worker`);
      const sentBeforeKill = accepted();
      holder.child.kill('SIGKILL');
      const killedAt = Date.now();
      await holder.exit;

      // The survivor takes the lease over once it expires, with the next generation (nobody
      // held it in between).
      const second = await waitFor(
        'the other worker to take the number over',
        async () => {
          const row = await findLease(k, lease);
          return row !== undefined && holderOf(row.owner) === survivor && row;
        },
        LEASE_TTL_MS + TAKEOVER_MARGIN_MS + 5_000,
      );
      const takeoverMs = Number(second.acquiredAt) - killedAt;
      expect(Number(second.generation)).toBe(Number(atKill.generation) + 1);
      expect(takeoverMs).toBeLessThanOrEqual(LEASE_TTL_MS + TAKEOVER_MARGIN_MS);

      // The end: nothing queued or sending, and every webhook the simulator owes delivered.
      await waitFor(
        'the campaign to finish',
        async () => {
          const c = await readCounts(k, campaignId);
          return c.queued + c.sending + c.deferred === 0;
        },
        budgetLeft(),
      ).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}: ${JSON.stringify(await statusesOf(k, campaignId))}\n${outputs()}`,
        );
      });
      const finishedAt = Date.now();
      await sim.control.flush(30_000);
      const seen = sim.control.counts({ phoneNumberId: SIM.phoneId }).byRecipient;
      const rowsMatch = async () => {
        const rows = await k
          .selectFrom('campaignRecipients')
          .select(['phoneE164', 'status', 'leaseGeneration'])
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
            `${String(error)}: ${JSON.stringify(await statusesOf(k, campaignId))}\n${outputs()}`,
          );
        },
      );

      // At most once per recipient, and never more than RATE in any one-second window.
      const twice = Object.entries(seen).filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      const arrivals = sim.control
        .messages({ phoneNumberId: SIM.phoneId, since: startedAt })
        .map((m) => m.received_at);
      const maxInAnySecond = maxInWindow(arrivals);
      expect(maxInAnySecond).toBeLessThanOrEqual(RATE);
      // Every recipient final: delivered as the simulator saw it, or unknown (in flight at the
      // kill, never sent again blindly).
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
      // The killed holder's generation sent at least what the simulator had seen at the kill,
      // and the survivor's generation (or a later one of its own) the rest but the unknown.
      const generations = rows.map((r) => Number(r.leaseGeneration));
      const upToKill = generations.filter((g) => g <= Number(atKill.generation)).length;
      const afterKill = generations.filter((g) => g >= Number(second.generation)).length;
      expect(upToKill).toBeGreaterThanOrEqual(sentBeforeKill);
      expect(afterKill).toBeGreaterThan(0);
      expect(upToKill + afterKill).toBe(RECIPIENTS);
      const lastLease = await findLease(k, lease);

      const seconds = (finishedAt - launchedAt) / 1000;
      console.log(
        `cluster: ${RECIPIENTS} recipients at ${RATE}/s in ${seconds.toFixed(1)} s ` +
          `(${(RECIPIENTS / seconds).toFixed(0)} sends/s on average), ` +
          `killed after ${sentBeforeKill} sends, taken over ${(takeoverMs / 1000).toFixed(1)} s after the kill ` +
          `(lease TTL ${LEASE_TTL_MS / 1000} s; generation ${atKill.generation} killed, ` +
          `${second.generation} took over, ${lastLease?.generation ?? '?'} at the end), ` +
          `max ${maxInAnySecond} in any second, ` +
          `${JSON.stringify(statuses)}`,
      );
      survivor.child.kill('SIGTERM');
      web.child.kill('SIGTERM');
      expect(await survivor.exit).toBe(0);
    },
    BUDGET_MS + 240_000,
  );
});
