import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** The panel's API, every path and body typed from its OpenAPI document. */
export type KianaClient = Client<paths>;

/** The one error body every route answers with: `{ code, message, details, requestId }`. */
export type KianaError = components['schemas']['Error'];

export type MessageStatus =
  operations['getMessagesId']['responses'][200]['content']['application/json'];

export interface KianaClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The panel's origin, e.g. `https://panel.example.com` (paths carry `/api/v1`). */
  baseUrl: string;
  /** An API key (`kiana_…`), sent as `Authorization: Bearer`. */
  apiKey: string;
}

/** A typed client of the panel's REST API, authenticated by an API key. */
export function createKianaClient(options: KianaClientOptions): KianaClient {
  const { apiKey, baseUrl, headers, ...rest } = options;
  return createClient<paths>({
    ...rest,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...headers, authorization: `Bearer ${apiKey}` },
  });
}

/** An answer that is not 2xx, carrying the panel's error body. */
export class KianaApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: KianaError | undefined,
  ) {
    super(body === undefined ? `HTTP ${status}` : `${body.code}: ${body.message}`);
    this.name = 'KianaApiError';
  }
}

/** The data of an openapi-fetch answer, or a `KianaApiError` thrown with its status and body. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  throw new KianaApiError(result.response.status, result.error as KianaError | undefined);
}

const rank: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3, played: 3 };

/**
 * Polls `GET /api/v1/messages/{id}` until the message reaches `status` (or a later one:
 * a read message was delivered), and returns it; throws when it failed or on timeout.
 */
export async function waitForStatus(
  client: KianaClient,
  id: string,
  status: 'sent' | 'delivered' | 'read',
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<MessageStatus> {
  const { timeoutMs = 60_000, intervalMs = 500 } = options;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const message = unwrap(await client.GET('/api/v1/messages/{id}', { params: { path: { id } } }));
    if (message.status === 'failed')
      throw new Error(`message ${id} failed: ${message.error?.title ?? 'unknown error'}`);
    if ((rank[message.status] ?? -1) >= (rank[status] ?? Infinity)) return message;
    if (Date.now() > end) throw new Error(`message ${id} is still ${message.status}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
