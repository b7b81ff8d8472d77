import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@kiana/simulator';
import { buildApp, type KianaApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, type Db } from '../src/db/database';
import { LeaseLostError } from '../src/errors';
import { createLogger } from '../src/logger';
import { fenceLease } from '../src/platform/locks/locks.repo';
import { signBody } from '../src/modules/webhooks/webhooks.signature';
import { TEST_ORIGIN, userWithRole, type SignedIn } from '../src/modules/auth/auth.testkit';
import { connectSimAccount, SIM } from '../src/modules/accounts/accounts.testkit';
import { createTestDatabaseUrl, testDialect } from './test-db';
import { freePort, waitReady } from './process-kit';
import { openEventStream, startProc, waitFor, type Proc } from './multi-process.kit';
import { PROBE_LEASE, PROBE_LEASE_TTL_MS } from './fixtures/probe.constants';

/**
 * The corridors across processes, with real processes: web nodes, workers, a worker killed
 * with SIGKILL. On PostgreSQL: two web nodes and two workers. On SQLite: one process with
 * both roles (the supported shape), and split roles refused.
 */
describe(`work across processes on ${testDialect}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-multi-'));
  const masterKey = randomBytes(32).toString('base64');
  const procs: Proc[] = [];
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let env: Record<string, string>;
  let sim: RunningSimulator | undefined;
  let setup: KianaApp | undefined;

  async function start(
    name: string,
    roles: string,
    options: { probe?: boolean } = {},
  ): Promise<{ proc: Proc; url: string }> {
    const port = await freePort();
    const proc = startProc(['start'], { ...env, PORT: String(port), KIANA_ROLES: roles }, options);
    procs.push(proc);
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, 60_000).catch((error: unknown) => {
      throw new Error(`${name} did not start: ${String(error)}\n${proc.output()}`);
    });
    return { proc, url };
  }

  /** The last lines of every process's output, for a failure message. */
  const outputs = (): string =>
    procs.map((p, i) => `--- process ${i}:\n${p.output().slice(-3_000)}`).join('\n');

  const count = async (query: string): Promise<number> =>
    Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(db.kysely)).rows[0]?.n ?? 0);

  async function enqueueProbeJobs(n: number): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        id: randomUUID(),
        kind: 'probe.effect',
        key: null,
        payload: JSON.stringify({ n: i + k }),
        status: 'queued' as const,
        runAt: now,
        attempts: 0,
        maxAttempts: 20,
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: null,
        progress: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      }));
      await db.kysely.insertInto('jobs').values(rows).execute();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabaseUrl(dataDir);
    env = {
      KIANA_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      KIANA_MASTER_KEY: masterKey,
      KIANA_PUBLIC_URL: TEST_ORIGIN,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    db = openDatabase(loadConfig(env).database);
    const { migrateToLatest } = await import('../src/db/migrate');
    await migrateToLatest(db);
    await sql`create table probe_effects (job_id text not null, node text not null)`.execute(
      db.kysely,
    );
    await sql`create table probe_ticks (slot bigint not null, node text not null)`.execute(
      db.kysely,
    );
    await sql`create table probe_leases (node text not null, generation bigint not null, at bigint not null)`.execute(
      db.kysely,
    );
  });

  afterAll(async () => {
    await setup?.close();
    // The simulator's webhook agent may already be gone once the panel closed; teardown only.
    await sim?.close().catch(() => undefined);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exit));
    await db.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  if (testDialect === 'sqlite') {
    it('refuses --roles worker on SQLite, naming the setting', async () => {
      const p = startProc(['start', '--roles', 'worker'], env);
      expect(await p.exit).not.toBe(0);
      expect(p.output()).toContain('KIANA_ROLES');
      expect(p.output()).toContain('PostgreSQL');
    });

    it('one process with both roles completes every job once and each timed slot once', async () => {
      await start('node', 'web,worker', { probe: true });
      await enqueueProbeJobs(2_000);
      await waitFor(
        '2,000 jobs done',
        async () =>
          (await count(
            `select count(*) as n from jobs where kind = 'probe.effect' and status = 'done'`,
          )) === 2_000,
        120_000,
      );
      expect(await count('select count(*) as n from probe_effects')).toBe(2_000);
      expect(await count('select count(distinct job_id) as n from probe_effects')).toBe(2_000);
      await waitFor(
        'two ticks',
        async () => (await count('select count(*) as n from probe_ticks')) >= 2,
        30_000,
      );
      expect(
        await count(
          'select count(*) as n from (select slot from probe_ticks group by slot having count(*) > 1) d',
        ),
      ).toBe(0);
    }, 240_000);
    return;
  }

  it('web and worker nodes on PostgreSQL: jobs once despite SIGKILL, lease handover with fencing, events and secrets across nodes', async () => {
    // Set-up through an in-process node on the same database: an admin and an account.
    sim = await startSimulator({ randomSeed: 7 });
    env.KIANA_GRAPH_URL = sim.url;
    setup = await buildApp({
      config: loadConfig({ ...env, KIANA_ROLES: 'web' }),
      db,
      logger: createLogger('warn'),
      serveWeb: false,
    });
    const admin: SignedIn = await userWithRole(setup, 'admin');
    const accountId = (await connectSimAccount(setup.app, admin)).id;

    const webA = await start('web A', 'web');
    const webB = await start('web B', 'web');
    const worker1 = await start('worker 1', 'worker', { probe: true });

    // A live event handled by A reaches a browser connected to B within a second.
    const stream = await openEventStream(`${webB.url}/api/v1/events/stream`, admin.headers);
    const webhook = (secret: string) => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: SIM.wabaId,
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550000000', phone_number_id: SIM.phoneId },
                  statuses: [
                    {
                      id: `wamid.${randomUUID()}`,
                      status: 'delivered',
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      recipient_id: '15551234567',
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(body, secret),
        },
      };
    };
    const post = async (node: string, secret: string): Promise<number> => {
      const w = webhook(secret);
      return (await fetch(`${node}/webhooks/whatsapp`, { method: 'POST', ...w })).status;
    };
    const sentAt = Date.now();
    expect(await post(webA.url, SIM.appSecret)).toBe(200);
    const arrived = await waitFor(
      'the webhook event on B’s stream',
      async () => stream.events.find((e) => e.name === 'webhooks.event'),
      5_000,
    );
    expect(arrived.at - sentAt).toBeLessThan(1_000);

    // An app secret changed through A is honoured by B at once (B had the old one cached).
    expect(await post(webB.url, SIM.appSecret)).toBe(200);
    const patched = await fetch(`${webA.url}/api/v1/whatsapp/accounts/${accountId}`, {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ appSecret: 'a_new_app_secret_456' }),
    });
    expect(patched.status).toBe(200);
    const changedAt = Date.now();
    await waitFor(
      'B to accept the new secret',
      async () => (await post(webB.url, 'a_new_app_secret_456')) === 200,
      1_000,
    );
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect(await post(webB.url, SIM.appSecret)).toBe(401);
    stream.close();

    // 10,000 jobs, two workers, one killed mid-way.
    const worker2 = await start('worker 2', 'worker', { probe: true });
    const firstLease = await waitFor(
      'worker 1 to hold the lease',
      async () =>
        (
          await sql<{
            node: string;
            generation: number;
          }>`select node, generation from probe_leases order by generation`.execute(db.kysely)
        ).rows[0],
      10_000,
    );
    await enqueueProbeJobs(10_000);
    await waitFor(
      'a fifth of the jobs',
      async () => (await count('select count(*) as n from probe_effects')) >= 2_000,
      120_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${outputs()}`);
    });
    // The lease holder is worker 1 (it started first); kill it mid-way without warning.
    worker1.proc.child.kill('SIGKILL');
    const killedAt = Date.now();
    await worker1.proc.exit;
    const second = await waitFor(
      'worker 2 to take the lease over',
      async () =>
        (
          await sql<{
            node: string;
            generation: number;
            at: number;
          }>`select node, generation, at from probe_leases where generation > ${firstLease.generation} order by generation`.execute(
            db.kysely,
          )
        ).rows[0],
      PROBE_LEASE_TTL_MS + 5_000,
    );
    expect(second.node).not.toBe(firstLease.node);
    expect(Number(second.generation)).toBe(Number(firstLease.generation) + 1);
    expect(Number(second.at) - killedAt).toBeLessThanOrEqual(PROBE_LEASE_TTL_MS + 500);
    // A write fenced by the killed worker's generation is refused.
    await expect(
      db.kysely.transaction().execute((tx) =>
        fenceLease(tx, {
          name: PROBE_LEASE,
          generation: Number(firstLease.generation),
          now: Date.now(),
          extendTo: Date.now() + PROBE_LEASE_TTL_MS,
        }),
      ),
    ).rejects.toBeInstanceOf(LeaseLostError);

    await waitFor(
      'every job done',
      async () =>
        (await count(
          `select count(*) as n from jobs where kind = 'probe.effect' and status = 'done'`,
        )) === 10_000,
      180_000,
    );
    expect(await count('select count(*) as n from probe_effects')).toBe(10_000);
    expect(await count('select count(distinct job_id) as n from probe_effects')).toBe(10_000);
    expect(
      await count(
        `select count(*) as n from jobs where kind = 'probe.effect' and status <> 'done'`,
      ),
    ).toBe(0);
    expect(await count('select count(distinct node) as n from probe_effects')).toBe(2);

    // Timed job: every slot ran once, although two (then one) workers enqueued each slot.
    expect(await count('select count(distinct slot) as n from probe_ticks')).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      await count(
        'select count(*) as n from (select slot from probe_ticks group by slot having count(*) > 1) d',
      ),
    ).toBe(0);

    worker2.proc.child.kill('SIGTERM');
    webA.proc.child.kill('SIGTERM');
    webB.proc.child.kill('SIGTERM');
    expect(await worker2.proc.exit).toBe(0);
    await setup.close();
    await sim.close();
  }, 600_000);
});
