/**
 * Webhook intake throughput and acknowledgement latency. A child process runs the full app
 * on SQLite with the matching outbound messages (bench/webhook-ingest.server.ts); this
 * process drives `POST /webhooks/whatsapp` over loopback with signed bodies of
 * `batch` status events each (Meta groups statuses), every message getting sent, delivered
 * and read in three separate deliveries.
 *
 * 1. Sustained: closed loop for `sustain=<s>` seconds (default 60), then `/stats` confirms
 *    every acknowledged status was applied.
 * 2. Ceiling: rounds of the same requests against a bare signature-checking handler that
 *    stores nothing, interleaved with rounds against the receiver (every message reset to
 *    pending first, so each status is a real transition); medians and their ratio.
 * 3. Latency: open loop at 2,000 events/s for `seconds` per round; p99 of the ack time.
 * 4. Durability cost: intake commits are fsynced (`synchronous = FULL`, db/durable.ts); the
 *    same commit pattern under NORMAL and FULL, alternating, in this run (bench/durability.ts).
 *
 * Extra flags as positionals: `sustain=60 batch=10`.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import {
  type Benchmark,
  type LoopResult,
  median,
  printRound,
  printVersus,
  runLoop,
  serverEnv,
} from './bench.lib';
import { measureDurabilityCost } from './durability';

const here = path.dirname(fileURLToPath(import.meta.url));

interface ServerInfo {
  port: number;
  ceilingPort: number;
  appSecret: string;
  wabaId: string;
  phoneNumberId: string;
}

function positional(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`${name}=`));
  const n = hit === undefined ? NaN : Number(hit.slice(name.length + 1));
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

async function startServer(messages: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'webhook-ingest.server.ts'), String(messages)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: path.join(here, '..'),
      env: serverEnv(),
    },
  );
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${String(code)}`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as ServerInfo));
  });
  return {
    info,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signed status bodies: message i gets sent, delivered, read in three separate bodies. */
function bodyMaker(info: ServerInfo, batch: number, messages: number) {
  let next = 0;
  const steps = ['sent', 'delivered', 'read'] as const;
  const start = 1_767_000_000;
  return (): { body: string; signature: string; events: number } => {
    const n = next++;
    const block = Math.floor(n / 3);
    const step = steps[n % 3] ?? 'sent';
    const statuses = [];
    for (let k = 0; k < batch; k += 1) {
      const m = (block * batch + k) % messages;
      statuses.push({
        id: `wamid.bench.${m}`,
        status: step,
        timestamp: String(start + (n % 3)),
        recipient_id: '15550002222',
        ...(step === 'read'
          ? {}
          : {
              pricing: {
                billable: true,
                pricing_model: 'PMP',
                category: 'marketing',
                type: 'regular',
              },
            }),
      });
    }
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: info.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550001111',
                  phone_number_id: info.phoneNumberId,
                },
                statuses,
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', info.appSecret).update(body).digest('hex')}`;
    return { body, signature, events: batch };
  };
}

function poster(pool: Pool, make: ReturnType<typeof bodyMaker>) {
  return async (): Promise<boolean> => {
    const { body, signature } = make();
    const res = await pool.request({
      path: '/webhooks/whatsapp',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    });
    await res.body.dump();
    return res.statusCode === 200;
  };
}

/** Open loop: `rate` requests/s for `seconds`, each timed from send to acknowledgement. */
async function openLoop(
  op: () => Promise<boolean>,
  rate: number,
  seconds: number,
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.floor(rate * seconds);
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inflight.push(
      op().then(
        (ok) => {
          if (ok) latencies.push(performance.now() - t0);
          else failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies, failed };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const benchmark: Benchmark = {
  description:
    'signed status webhooks acknowledged and applied per second on SQLite, vs. a bare signature check; p99 ack at 2,000 events/s',
  async run({ rounds, seconds, concurrency, args }) {
    const sustain = positional(args, 'sustain', 60);
    const batch = positional(args, 'batch', 10);
    // Each message takes three bodies (sent, delivered, read); enough messages that the
    // sustained loop never wraps around into bodies it already sent (duplicates are
    // acknowledged without being applied and would flatter the figure).
    const messages = 1_000_000;
    const server = await startServer(messages);
    const { info } = server;
    const make = bodyMaker(info, batch, messages);
    const ingestPool = new Pool(`http://127.0.0.1:${info.port}`, {
      connections: concurrency,
      keepAliveTimeout: 60_000,
    });
    const ceilingPool = new Pool(`http://127.0.0.1:${info.ceilingPort}`, {
      connections: concurrency,
      keepAliveTimeout: 60_000,
    });
    const ingest = poster(ingestPool, make);
    const ceiling = poster(ceilingPool, make);
    try {
      await runLoop(ceiling, 1, concurrency);

      console.log(
        `sustained: ${sustain} s closed loop, ${concurrency} in flight, ${batch} statuses per request`,
      );
      const sustained = await runLoop(ingest, sustain, concurrency);
      const acknowledgedPerSec = sustained.perSec * batch;
      console.log(
        `  ${Math.round(acknowledgedPerSec).toLocaleString('en-US')} status events/s acknowledged (${sustained.ok} requests, ${sustained.failed} failed)`,
      );
      const stats = (await (
        await ceilingPool.request({ path: '/stats', method: 'GET' })
      ).body.json()) as {
        messages: Record<string, number>;
        events: Record<string, number>;
      };
      console.log(
        `  applied: messages by status ${JSON.stringify(stats.messages)}; events ${JSON.stringify(stats.events)}`,
      );
      // Only bodies stored and processed count: the headline is acknowledged AND applied.
      const appliedPerSec = ((stats.events.processed ?? 0) * batch) / sustain;
      const eventsPerSec = Math.min(acknowledgedPerSec, appliedPerSec);
      console.log(
        `  ${Math.round(appliedPerSec).toLocaleString('en-US')} status events/s applied (unique bodies processed × ${batch} ÷ ${sustain} s)`,
      );

      const reset = async () => {
        const res = await ceilingPool.request({ path: '/reset', method: 'POST' });
        await res.body.dump();
      };
      const ing: LoopResult[] = [];
      const ceil: LoopResult[] = [];
      for (let round = 1; round <= rounds; round += 1) {
        const c = await runLoop(ceiling, seconds, concurrency);
        printRound('bare signature check', round, c);
        await reset();
        const r = await runLoop(ingest, seconds, concurrency);
        printRound('receiver (stored)', round, r);
        ceil.push(c);
        ing.push(r);
      }
      const ratios = ing.map((r, i) => r.perSec / (ceil[i]?.perSec ?? Number.NaN));
      const ingestReq = median(ing.map((r) => r.perSec));
      const ceilingReq = median(ceil.map((r) => r.perSec));
      printVersus('receiver requests', ingestReq, 'bare check', ceilingReq);
      const ceilingRatio = median(ratios);

      const rate = 2_000 / batch;
      const p99s: number[] = [];
      const p50s: number[] = [];
      await reset();
      for (let round = 1; round <= rounds; round += 1) {
        const { latencies, failed } = await openLoop(ingest, rate, seconds);
        const p99 = percentile(latencies, 99);
        const p50 = percentile(latencies, 50);
        p99s.push(p99);
        p50s.push(p50);
        console.log(
          `  round ${round}  ack latency at 2,000 events/s: p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms${failed > 0 ? `  (${failed} failed)` : ''}`,
        );
      }
      const p99AckMs = median(p99s);
      const applied =
        (stats.messages.read ?? 0) + (stats.messages.delivered ?? 0) + (stats.messages.sent ?? 0);
      console.log(
        `eventsPerSec ${Math.round(eventsPerSec)} (target ≥ 5,000 for ${sustain} s); p99 ack ${p99AckMs.toFixed(1)} ms (target ≤ 50); ratio to bare check ${ceilingRatio.toFixed(2)}`,
      );
      console.log(`durability: ${batch} rows per commit, NORMAL against FULL`);
      const durability = measureDurabilityCost({ batch, rounds, seconds });
      console.log(
        `  FULL keeps ${durability.fullToNormalRatio.toFixed(2)} of NORMAL's commit rate (${durability.fullCommitsPerSec} vs ${durability.normalCommitsPerSec} commits/s); ${Math.round(durability.fullCommitsPerSec * batch).toLocaleString('en-US')} events/s is FULL's ceiling at this batch size`,
      );
      return {
        eventsPerSec: Math.round(eventsPerSec),
        sustainSeconds: sustain,
        statusesPerRequest: batch,
        failedRequests: sustained.failed,
        messagesAdvanced: applied,
        receiverRequestsPerSec: Math.round(ingestReq),
        ceilingRequestsPerSec: Math.round(ceilingReq),
        ceilingEventsPerSec: Math.round(ceilingReq * batch),
        ceilingRatio: Number(ceilingRatio.toFixed(3)),
        p50AckMs: Number(median(p50s).toFixed(2)),
        p99AckMs: Number(p99AckMs.toFixed(2)),
        ...durability,
      };
    } finally {
      await Promise.all([ingestPool.close(), ceilingPool.close()]);
      await server.stop();
    }
  },
};
