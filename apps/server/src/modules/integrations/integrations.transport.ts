import type net from 'node:net';
import { Agent, request } from 'undici';
import { outgoingSignatureHeaders as H } from '@kiana/contracts';
import { guardedLookup } from './integrations.ssrf';
import { signDelivery } from './integrations.signing';

/** What one POST to an endpoint came to. */
export interface PostResult {
  httpStatus: number | null;
  error: string | null;
  responseExcerpt: string | null;
  latencyMs: number;
}

export const RESPONSE_EXCERPT_CHARS = 500;
const TIMEOUT_MS = 10_000;

/** The one port to receivers: signed POSTs through a dispatcher that checks every connect. */
export interface OutgoingTransport {
  post(input: {
    url: string;
    secret: string;
    eventId: string;
    eventType: string;
    body: string;
    nowMs: number;
  }): Promise<PostResult>;
  close(): Promise<void>;
}

/** Builds the transport; `allowed` gives the admin's current allow-list at connect time. */
export function createOutgoingTransport(allowed: () => net.BlockList): OutgoingTransport {
  const dispatcher = new Agent({
    connect: { lookup: guardedLookup(allowed), timeout: TIMEOUT_MS },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  return {
    async post({ url, secret, eventId, eventType, body, nowMs }) {
      const timestamp = String(Math.floor(nowMs / 1000));
      const started = performance.now();
      const latency = (): number => Math.round(performance.now() - started);
      try {
        // No redirects are followed: a 3xx is a failed attempt, so a redirect cannot lead
        // around the address check.
        const res = await request(url, {
          method: 'POST',
          dispatcher,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Kiana-Webhooks/1',
            [H.signature]: signDelivery(secret, timestamp, body),
            [H.timestamp]: timestamp,
            [H.eventId]: eventId,
            [H.eventType]: eventType,
          },
          body,
        });
        const excerpt = await readExcerpt(res.body);
        return {
          httpStatus: res.statusCode,
          error: null,
          responseExcerpt: excerpt,
          latencyMs: latency(),
        };
      } catch (e) {
        const message =
          e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
        return {
          httpStatus: null,
          error: message.slice(0, 300),
          responseExcerpt: null,
          latencyMs: latency(),
        };
      }
    },
    close: () => dispatcher.close(),
  };
}

/** The first characters of an answer; the rest is discarded unread. */
async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length >= RESPONSE_EXCERPT_CHARS) {
      body.destroy();
      break;
    }
  }
  return text.slice(0, RESPONSE_EXCERPT_CHARS);
}
