/**
 * The loopback ceiling of sending: how many text messages per second a bare undici
 * keep-alive loop gets accepted by the in-process simulator with every limit and webhooks
 * off. Later benchmarks (dispatcher, webhooks) compare their throughput with `sendsPerSec`.
 * The same loop through the Graph API client shows the client's overhead, and a bare
 * node:http server answering the same JSON shows the machine's HTTP ceiling.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { GraphClient } from '../apps/server/src/whatsapp/graph.client';
import {
  median,
  printRound,
  printVersus,
  runLoop,
  type Benchmark,
  type LoopResult,
} from './bench.lib';
import { startCeilingSimulator } from './bench.simulator';

const VERSION = 'v23.0';

/** A server that answers every request with a fixed send response: HTTP alone, no simulator. */
async function startFixedJsonServer(): Promise<{ url: string; close(): Promise<void> }> {
  const body = JSON.stringify({
    messaging_product: 'whatsapp',
    contacts: [{ input: '16505551234', wa_id: '16505551234' }],
    messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA' }],
  });
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const benchmark: Benchmark = {
  description:
    'text sends/s a bare undici keep-alive loop gets from the simulator (limits and webhooks off), vs. the client and bare HTTP',
  async run({ rounds, seconds, concurrency }) {
    const sim = await startCeilingSimulator();
    const fixed = await startFixedJsonServer();
    const recipients = sim.recipients;
    let next = 0;
    // One text body per recipient, serialised once: the bare loop measures transport, not JSON.
    const textBody = (to: string) => ({
      messaging_product: 'whatsapp',
      to,
      type: 'text' as const,
      text: { body: 'Hello from the benchmark' },
    });
    const payloads = recipients.map((to) => JSON.stringify(textBody(to)));
    const path = `/${VERSION}/${sim.phoneNumberId}/messages`;
    const headers = {
      authorization: `Bearer ${sim.accessToken}`,
      'content-type': 'application/json',
    };

    const simPool = new Pool(sim.url, {
      connections: concurrency,
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
    const fixedPool = new Pool(fixed.url, {
      connections: concurrency,
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
    const bareSend = (pool: Pool) => async () => {
      const body = payloads[next++ % payloads.length] as string;
      const res = await pool.request({ path, method: 'POST', headers, body });
      await res.body.dump();
      return res.statusCode === 200;
    };
    const client = new GraphClient({ baseUrl: sim.url, connections: concurrency });
    const api = client.forAccount({ accessToken: sim.accessToken, apiVersion: VERSION });
    const clientSend = async () => {
      const to = recipients[next++ % recipients.length] as string;
      const res = await api.sendMessage(sim.phoneNumberId, {
        to,
        type: 'text',
        text: { body: 'Hello from the benchmark' },
      });
      return res.messages.length === 1;
    };

    const loops: [label: string, op: () => Promise<boolean>][] = [
      ['bare undici → simulator', bareSend(simPool)],
      ['client → simulator', clientSend],
      ['bare undici → node:http', bareSend(fixedPool)],
    ];
    const results = new Map<string, LoopResult[]>(loops.map(([l]) => [l, []]));
    try {
      // Warm-up: JIT, connection set-up and the simulator's first allocations.
      for (const [, op] of loops) await runLoop(op, 1, concurrency);
      await sim.reset();
      for (let round = 1; round <= rounds; round += 1) {
        // Rotate the order each round so no loop always runs right after a reset.
        const order = loops.map(
          (_, i) => loops[(i + round - 1) % loops.length] as (typeof loops)[number],
        );
        for (const [label, op] of order) {
          const r = await runLoop(op, seconds, concurrency);
          results.get(label)?.push(r);
          printRound(label, round, r);
          // Drop what the oracle stored so memory does not grow round after round.
          await sim.reset();
        }
      }
    } finally {
      await Promise.all([simPool.close(), fixedPool.close(), client.close()]);
      await Promise.all([sim.close(), fixed.close()]);
    }

    const perSec = (label: string) => (results.get(label) ?? []).map((r) => r.perSec);
    const bare = perSec('bare undici → simulator');
    const viaClient = perSec('client → simulator');
    const http = perSec('bare undici → node:http');
    // Ratios are taken within each round (the loops ran back to back there, under the same
    // background load) and then their median, so a noisy round cannot skew them.
    const ratios = (a: number[], b: number[]) => a.map((v, i) => v / (b[i] ?? Number.NaN));
    const failures = [...results.values()].flat().reduce((n, r) => n + r.failed, 0);
    const sendsPerSec = median(bare);
    const clientSendsPerSec = median(viaClient);
    const httpCeilingPerSec = median(http);
    console.log(
      `\nmedians of ${rounds} rounds × ${seconds} s, ${concurrency} in flight${failures ? `, ${failures} failed requests` : ''}:`,
    );
    printVersus('sendsPerSec (bare undici)', sendsPerSec, 'HTTP ceiling', httpCeilingPerSec);
    printVersus('clientSendsPerSec', clientSendsPerSec, 'bare undici', sendsPerSec);
    console.log(
      `best round: bare ${Math.round(Math.max(...bare))} /s, client ${Math.round(Math.max(...viaClient))} /s`,
    );
    return {
      sendsPerSec: Math.round(sendsPerSec),
      sendsPerSecBest: Math.round(Math.max(...bare)),
      clientSendsPerSec: Math.round(clientSendsPerSec),
      clientOverBare: round2(median(ratios(viaClient, bare))),
      httpCeilingPerSec: Math.round(httpCeilingPerSec),
      simulatorOverHttp: round2(median(ratios(bare, http))),
      failedRequests: failures,
      rounds,
      seconds,
      concurrency,
    };
  },
};

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
