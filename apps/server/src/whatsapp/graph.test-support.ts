import { MockAgent } from 'undici';
import { GraphClient } from './graph.client';

export const ORIGIN = 'http://graph.test';
export const TOKEN = 'EAAG-secret-token-1234';
export const PHONE = '106540352242922';
export const WABA = '102290129340398';

/** What a mocked Graph endpoint saw of one request. */
export interface Seen {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A client wired to an undici MockAgent that refuses every real connection. */
export function mockGraph(): {
  agent: MockAgent;
  client: GraphClient;
  api: ReturnType<GraphClient['forAccount']>;
  pool: ReturnType<MockAgent['get']>;
} {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const client = new GraphClient({ baseUrl: ORIGIN, dispatcher: agent });
  return {
    agent,
    client,
    api: client.forAccount({ accessToken: TOKEN, apiVersion: 'v23.0' }),
    pool: agent.get(ORIGIN),
  };
}

/** Normalises undici's header shapes (object, array pairs or Headers) to a lower-cased record. */
export function headersOf(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h instanceof Headers) {
    h.forEach((v, k) => (out[k.toLowerCase()] = v));
  } else if (Array.isArray(h)) {
    for (let i = 0; i + 1 < h.length; i += 2) out[String(h[i]).toLowerCase()] = String(h[i + 1]);
  } else if (typeof h === 'object' && h !== null) {
    for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** Builds a Meta error envelope as NOTES.md §2.1 shows it. */
export function metaError(
  code: number,
  extra: Record<string, unknown> = {},
): { error: Record<string, unknown> } {
  return {
    error: {
      message: `(#${code}) Something about ${code}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: `details of ${code}` },
      fbtrace_id: `trace-${code}`,
      ...extra,
    },
  };
}
