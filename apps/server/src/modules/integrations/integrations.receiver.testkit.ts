import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { outgoingSignatureHeaders as H } from '@kiana/contracts';
import { verifyDelivery } from './integrations.signing';

/** One request a test receiver got, with whether its signature verified. */
export interface Received {
  id: string;
  type: string;
  body: string;
  verified: boolean;
  status: number;
}

/** A local webhook receiver answering the statuses of `script` in turn, then 200. */
export async function startReceiver(options: { secret: () => string; now: () => number }) {
  const got: Received[] = [];
  const script: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as { id: string; type: string };
      const status = script.shift() ?? 200;
      got.push({
        id: parsed.id,
        type: parsed.type,
        body,
        status,
        verified: verifyDelivery({
          secret: options.secret(),
          timestamp: String(req.headers[H.timestamp]),
          signature: String(req.headers[H.signature]),
          body,
          nowMs: options.now(),
        }),
      });
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 200 ? 'ok' : 'x'.repeat(2000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    /** Statuses to answer next, in order. */
    failNext: (...statuses: number[]) => script.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
