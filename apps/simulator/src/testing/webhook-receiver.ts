import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookEnvelopeSchema, type WebhookEnvelope } from '@kiana/contracts';

// A webhook endpoint for tests: keeps the raw bytes of every POST and verifies
// X-Hub-Signature-256 over exactly those bytes, the way a real receiver must.

export interface ReceivedWebhook {
  raw: Buffer;
  signature: string | undefined;
  isSignatureValid: boolean;
  body: WebhookEnvelope;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, consumed one per request; 200 once empty. */
  respondWith: number[];
  /** Waits until `predicate` holds for the received list. */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on a random loopback port that checks signatures with `appSecret`. */
export async function startWebhookReceiver(appSecret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const respondWith: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers['x-hub-signature-256'];
      const signature = Array.isArray(header) ? header[0] : header;
      const expected = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
      const isSignatureValid =
        signature !== undefined &&
        signature.length === expected.length &&
        timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      received.push({
        raw,
        signature,
        isSignatureValid,
        body: webhookEnvelopeSchema.parse(JSON.parse(raw.toString('utf8'))),
        at: Date.now(),
      });
      res.statusCode = respondWith.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    respondWith,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`webhook condition not met; received ${received.length}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every status object in the received webhooks, in arrival order. */
export function statusesOf(received: ReceivedWebhook[]): Record<string, unknown>[] {
  return received.flatMap((w) =>
    w.body.entry.flatMap((e) =>
      e.changes.flatMap((c) => {
        const value = c.value as { statuses?: Record<string, unknown>[] };
        return c.field === 'messages' ? (value.statuses ?? []) : [];
      }),
    ),
  );
}

/** Every change value of one field. */
export function changesOf(received: ReceivedWebhook[], field: string): Record<string, unknown>[] {
  return received.flatMap((w) =>
    w.body.entry.flatMap((e) =>
      e.changes.filter((c) => c.field === field).map((c) => c.value as Record<string, unknown>),
    ),
  );
}
