/**
 * The public API (issue 18, "Performance"): the full app in its own process on a SQLite file
 * (api.server.ts), sending through the in-process simulator, status webhooks flowing back.
 * Each round, interleaved so background load hits both alike:
 *   1. the campaign dispatcher's rate on number A at 1,000 mps: a `recipients=` (default
 *      2,000) campaign from launch to the last send the simulator accepted (the ceiling);
 *   2. transactional sends through `POST /api/v1/messages` on the same number, each with its
 *      own `Idempotency-Key`, `--concurrency` in flight for `--seconds`: sends per second
 *      answered 201, and their ratio to (1);
 *   3. outgoing webhook deliveries: `events=` (default 1,000) events written to the outbox
 *      first, then the job worker started: signed deliveries per second acknowledged by a
 *      local receiver, from the worker's start to the last one.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { startSimulator, type RunningSimulator } from '@kiana/simulator';
import { newNumbers } from '../apps/server/src/modules/campaigns/dispatch/dispatch.testkit';
import { type Benchmark, median, printRound, runLoop, serverEnv } from './bench.lib';

const here = path.dirname(fileURLToPath(import.meta.url));
const NUMBER_A = '106540352242922';

interface ServerInfo {
  port: number;
  controlPort: number;
  apiKey: string;
}

function positional(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`${name}=`));
  const n = hit === undefined ? NaN : Number(hit.slice(name.length + 1));
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The receiver of outgoing webhooks: answers 200 and counts, time of the last one. */
async function startReceiver() {
  const state = { got: 0, lastAt: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.got += 1;
      state.lastAt = performance.now();
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startApp(dataDir: string, simUrl: string, receiverUrl: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'api.server.ts'), dataDir, simUrl, receiverUrl],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.join(here, '..'), env: serverEnv() },
  );
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench app exited with ${String(code)}`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as ServerInfo));
  });
  const control = async (method: string, url: string, body?: object) => {
    const res = await fetch(`http://127.0.0.1:${info.controlPort}${url}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    info,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
type App = Awaited<ReturnType<typeof startApp>>;

/** The dispatcher's rate: a campaign on number A, launch to the last send accepted. */
async function dispatchRate(sim: RunningSimulator, app: App, first: number, count: number) {
  const startedAt = sim.control.clockNow();
  const { id } = (await app.control('POST', '/campaign', {
    phoneNumberId: NUMBER_A,
    first,
    count,
  })) as { id: string };
  const deadline = Date.now() + 300_000;
  for (;;) {
    const p = (await app.control('GET', `/campaign/${id}`)) as {
      counts: Record<string, number>;
    };
    const left = (p.counts.queued ?? 0) + (p.counts.deferred ?? 0) + (p.counts.sending ?? 0);
    if (left === 0) break;
    if (Date.now() > deadline) throw new Error(`campaign not finished: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const phones = new Set(newNumbers(count, first).map((p) => p.slice(1)));
  const times = sim.control
    .messages({ phoneNumberId: NUMBER_A, since: startedAt })
    .filter((m) => phones.has(m.to))
    .map((m) => m.received_at);
  if (times.length !== count) throw new Error(`${times.length} of ${count} reached the simulator`);
  return count / ((Math.max(...times) - startedAt) / 1000);
}

/** Transactional sends through the API, each with its own idempotency key. */
async function apiRate(app: App, first: number, seconds: number, concurrency: number) {
  const pool = new Pool(`http://127.0.0.1:${app.info.port}`, { connections: concurrency });
  const phones = newNumbers(200_000, first);
  let next = 0;
  try {
    return await runLoop(
      async () => {
        const res = await pool.request({
          path: '/api/v1/messages',
          method: 'POST',
          headers: {
            authorization: `Bearer ${app.info.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({
            to: phones[next++ % phones.length],
            phoneNumberId: NUMBER_A,
            template: { name: 'hello_world', language: 'en_US' },
          }),
        });
        if (res.statusCode === 201) {
          await res.body.dump();
          return true;
        }
        // Counted by kind in the round's report: the status and the error's code.
        const body = await res.body.text();
        throw new Error(`${res.statusCode} ${body.slice(0, 160)}`);
      },
      seconds,
      concurrency,
    );
  } finally {
    await pool.close();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const benchmark: Benchmark = {
  description:
    'public API on SQLite: transactional sends/s with idempotency keys vs the campaign dispatcher on the same number; outgoing webhook deliveries/s to a local receiver',
  async run({ rounds, seconds, concurrency, args }) {
    const recipients = positional(args, 'recipients', 2_000);
    const events = positional(args, 'events', 1_000);
    const sim = await startSimulator({
      limits: { throughputEnabled: true, pairEnabled: false, tierEnabled: false },
      statuses: {
        sentLatencyMs: 20,
        deliveredLatencyMs: 200,
        readProbability: 0,
        batchWindowMs: 50,
        maxBatchSize: 100,
      },
      waba: { messagingLimitTier: 'TIER_UNLIMITED' },
      maxStoredMessages: 4 * recipients + 400_000,
      randomSeed: 7,
    });
    sim.control.upsertNumber({ id: NUMBER_A, throughputLevel: 'HIGH' });
    const receiver = await startReceiver();
    const dispatch: number[] = [];
    const api: number[] = [];
    const ratios: number[] = [];
    const deliveries: number[] = [];
    let next = 1_000_001;
    const take = (n: number) => {
      const first = next;
      next += n + Math.ceil(n / 1000) + 1; // newNumbers skips numbers ending in 0000
      return first;
    };
    try {
      for (let round = 1; round <= rounds; round++) {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-api-'));
        const app = await startApp(dataDir, sim.url, receiver.url);
        sim.control.setWebhookUrl(`http://127.0.0.1:${app.info.port}/webhooks/whatsapp`);
        try {
          const d = await dispatchRate(sim, app, take(recipients), recipients);
          dispatch.push(d);
          console.log(`  round ${round}  dispatcher, number A      ${fmt(d).padStart(6)} /s`);
          const r = await apiRate(app, take(200_000), seconds, concurrency);
          printRound('API sends (idempotent)', round, r);
          api.push(r.perSec);
          ratios.push(r.perSec / d);
          console.log(`  round ${round}  API over dispatcher       ${(r.perSec / d).toFixed(2)}`);
          // Deliveries: the outbox filled first, then timed from the worker's start.
          receiver.state.got = 0;
          await app.control('POST', '/events', { count: events });
          const t0 = performance.now();
          await app.control('POST', '/worker');
          const deadline = Date.now() + 300_000;
          while (receiver.state.got < events) {
            if (Date.now() > deadline)
              throw new Error(`${receiver.state.got} of ${events} delivered`);
            await new Promise((res) => setTimeout(res, 20));
          }
          const perSec = events / ((receiver.state.lastAt - t0) / 1000);
          deliveries.push(perSec);
          console.log(`  round ${round}  webhook deliveries        ${fmt(perSec).padStart(6)} /s`);
        } finally {
          await app.stop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }
    } finally {
      await receiver.close();
      await sim.close();
    }
    const figures = {
      apiSendsPerSec: Math.round(median(api)),
      dispatchSendsPerSec: Math.round(median(dispatch)),
      apiOverDispatch: Math.round(median(ratios) * 100) / 100,
      deliveriesPerSec: Math.round(median(deliveries)),
      recipients,
      events,
      concurrency,
      rounds,
    };
    console.log(
      `\nmedians of ${rounds} rounds: API ${fmt(figures.apiSendsPerSec)} sends/s, dispatcher ${fmt(figures.dispatchSendsPerSec)} /s on the same number, ratio ${figures.apiOverDispatch}; ${fmt(figures.deliveriesPerSec)} webhook deliveries/s`,
    );
    return figures;
  },
};
