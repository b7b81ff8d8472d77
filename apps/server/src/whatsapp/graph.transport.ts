import { Agent, type Dispatcher, type FormData } from 'undici';
import { AppError } from '../errors';
import type { z } from 'zod';
import { GraphApiError, graphErrorFromResponse } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';
import { graphErrorFromNetwork } from './graph.network';
import { readLimited } from './graph.body';

/** The per-account part of every call: which token, which Graph API version. */
export interface GraphCredentials {
  /** Sent only as `Authorization: Bearer …`; never in a URL, never logged. */
  accessToken: string;
  /** e.g. `v23.0`, from the account's settings. */
  apiVersion: string;
  /** The panel's account the call is made for; only passed on to the observer. */
  accountId?: string;
}

export interface GraphTimeouts {
  connectMs: number;
  /** Time until the response headers arrive. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyMs: number;
}

export interface GraphTransportOptions {
  /** `KIANA_GRAPH_URL`, e.g. `https://graph.facebook.com` or the simulator on loopback. */
  baseUrl: string;
  timeouts?: Partial<GraphTimeouts>;
  /** Keep-alive connections per origin (undici Pool size). */
  connections?: number;
  /** Largest JSON answer read, in bytes. */
  maxJsonBytes?: number;
  /** Replaces the keep-alive Agent (tests pass undici's MockAgent). */
  dispatcher?: Dispatcher;
  /** Told about every finished call, for metrics and debug logs; never sees the token. */
  observer?: (event: GraphCallEvent) => void;
}

/** One finished Graph API call, as the observer sees it. */
export interface GraphCallEvent {
  method: GraphMethod;
  /** Path without query string, e.g. `/v23.0/106540352242922/messages`. */
  path: string;
  durationMs: number;
  httpStatus: number | undefined;
  /** The error class when the call failed. */
  classification: GraphErrorClass | undefined;
  /** From the credentials, when the caller named the account. */
  accountId?: string | undefined;
  /** The `phone_number_id` query parameter (media calls name the number there, not in the path). */
  phoneNumberId?: string | undefined;
  /** A body-free note on what was sent (message type or template name), from `GraphCall.logNote`. */
  note?: string | undefined;
  /** Meta's `error.code`, `error_subcode` and `fbtrace_id` when the call failed. */
  metaCode?: number | undefined;
  metaSubcode?: number | undefined;
  fbtraceId?: string | undefined;
}

export type GraphMethod = 'GET' | 'POST' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface GraphCall<T> {
  method: GraphMethod;
  /** Path segments after the version, e.g. `[phoneNumberId, 'messages']`; each is encoded. */
  segments: readonly string[];
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: FormData;
  /** A raw body (the Resumable Upload API's file bytes), sent as application/octet-stream. */
  bytes?: Uint8Array;
  /** Extra request headers (e.g. the upload API's `file_offset`). */
  headers?: Record<string, string>;
  /** `OAuth` for the upload API, whose guide shows that scheme; `Bearer` otherwise. */
  authScheme?: 'Bearer' | 'OAuth';
  schema: z.ZodType<T>;
  /** Shown to the observer instead of the body (e.g. `text`, `template:order_update`). */
  logNote?: string;
}

export const defaultTimeouts: GraphTimeouts = {
  connectMs: 5_000,
  headersMs: 30_000,
  bodyMs: 30_000,
};
const versionPattern = /^v\d+\.\d+$/;

/**
 * The HTTP layer of the Graph API client: one keep-alive undici Agent (a Pool per origin)
 * per base URL, Bearer auth, timeouts, JSON in and zod-validated JSON out, and every
 * failure turned into a classified GraphApiError.
 */
export class GraphTransport {
  readonly origin: string;
  readonly basePath: string;
  readonly timeouts: GraphTimeouts;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly maxJsonBytes: number;
  private readonly observer: ((event: GraphCallEvent) => void) | undefined;

  constructor(options: GraphTransportOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.maxJsonBytes = options.maxJsonBytes ?? 4 * 1024 * 1024;
    this.observer = options.observer;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.connections ?? 128,
        connect: { timeout: this.timeouts.connectMs },
        keepAliveTimeout: 30_000,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
  }

  /** Performs one Graph API call and returns its validated answer, or throws GraphApiError. */
  async call<T>(creds: GraphCredentials, call: GraphCall<T>): Promise<T> {
    if (this.observer === undefined) return this.perform(creds, call);
    const phoneNumberId = call.query?.phone_number_id;
    return this.observed(
      creds,
      {
        method: call.method,
        path: this.pathOf(creds.apiVersion, call.segments),
        phoneNumberId: phoneNumberId === undefined ? undefined : String(phoneNumberId),
        note: call.logNote,
      },
      () => this.perform(creds, call),
    );
  }

  /**
   * Runs `work` (one Graph API request) and tells the observer how it ended: 200 on success,
   * Meta's status and error fields on a GraphApiError. Other failures (our own refusals
   * before or after the request) are not Graph answers and are not reported.
   */
  async observed<T>(
    creds: GraphCredentials,
    what: Pick<GraphCallEvent, 'method' | 'path' | 'phoneNumberId' | 'note'>,
    work: () => Promise<T>,
  ): Promise<T> {
    if (this.observer === undefined) return work();
    const started = performance.now();
    const report = (httpStatus: number | undefined, error?: GraphApiError) => {
      try {
        this.observer?.({
          ...what,
          durationMs: performance.now() - started,
          httpStatus,
          classification: error?.classification,
          accountId: creds.accountId,
          metaCode: error?.metaCode,
          metaSubcode: error?.metaSubcode,
          fbtraceId: error?.fbtraceId,
        });
      } catch {
        // An observer is bookkeeping: its failure must never fail or repeat the call.
      }
    };
    try {
      const result = await work();
      report(200); // every successful Graph API call answers 200
      return result;
    } catch (err) {
      if (err instanceof GraphApiError) report(err.httpStatus, err);
      throw err;
    }
  }

  private async perform<T>(creds: GraphCredentials, call: GraphCall<T>): Promise<T> {
    const path = this.pathOf(creds.apiVersion, call.segments);
    const request = { method: call.method, path };
    let authorization: string;
    try {
      authorization = bearer(creds.accessToken, call.authScheme);
    } catch (err) {
      // Refused here, before anything was sent: classified like undici's own refusals.
      throw graphErrorFromNetwork(request, err);
    }
    const headers: Record<string, string> = {
      ...call.headers,
      authorization,
      accept: 'application/json',
    };
    let body: string | FormData | Uint8Array | undefined;
    if (call.bytes !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      body = call.bytes;
    } else if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form; // undici writes the multipart boundary header itself
    }

    let status: number;
    let text: string;
    let responseHeaders: Record<string, string | string[] | undefined>;
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path: path + queryString(call.query),
        method: call.method,
        headers,
        body,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      text = (await readLimited(res.body, this.maxJsonBytes)).toString('utf8');
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw graphErrorFromNetwork(request, err);
    }

    const json = parseJson(text);
    if (status < 200 || status >= 300) {
      throw graphErrorFromResponse(request, status, json, retryAfterOf(responseHeaders));
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      // A 2xx we cannot read: the request was acted upon (a send went out), so the
      // caller must treat it like a lost answer, not like a failure it may repeat.
      throw new GraphApiError({
        ...request,
        source: 'response',
        classification: 'unknown-outcome',
        httpStatus: status,
        message: `Graph API answered HTTP ${status} with an unexpected body: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ')}`,
      });
    }
    return parsed.data;
  }

  /** Streams a URL (e.g. a media URL) with the Bearer token; used by media download. */
  async fetchAuthorized(
    url: URL,
    accessToken: string,
  ): Promise<{
    statusCode: number;
    headers: Dispatcher.ResponseData['headers'];
    body: Dispatcher.ResponseData['body'];
  }> {
    const request = { method: 'GET', path: url.pathname };
    try {
      return await this.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'GET',
        headers: { authorization: bearer(accessToken) },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
    } catch (err) {
      throw graphErrorFromNetwork(request, err);
    }
  }

  /** Closes the keep-alive connections this transport opened. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private pathOf(version: string, segments: readonly string[]): string {
    // Checked here so a bad setting fails loudly instead of calling an unexpected path.
    if (!versionPattern.test(version)) {
      throw new TypeError(`Graph API version must look like v23.0, got "${version}"`);
    }
    for (const s of segments) {
      if (s === '' || s === '.' || s === '..') throw new TypeError('empty Graph API path segment');
    }
    // ':', '=' and '@' stay as they are (RFC 3986 allows them in a path segment): upload
    // session ids are `upload:<base64>` and Graph routes them by that literal prefix.
    const encode = (s: string): string =>
      encodeURIComponent(s).replace(/%(3A|3D|40)/gi, (m) => decodeURIComponent(m));
    return `${this.basePath}/${version}/${segments.map(encode).join('/')}`;
  }
}

function bearer(token: string, scheme: 'Bearer' | 'OAuth' = 'Bearer'): string {
  // A control character in a token would split or break the header; undici refuses it too,
  // but with the value in the message. The code makes it a "refused before sending" error.
  // eslint-disable-next-line no-control-regex
  if (token === '' || /[\x00-\x1f\x7f]/.test(token))
    throw Object.assign(new TypeError('invalid Graph API access token'), {
      code: 'ERR_INVALID_CHAR',
    });
  return `${scheme} ${token}`;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Seconds to wait as told by the answer: `Retry-After`, or the largest
 * `estimated_time_to_regain_access` (minutes) in `x-business-use-case-usage` (NOTES.md §0, §6.6).
 */
export function retryAfterOf(
  headers: Record<string, string | string[] | undefined>,
): number | undefined {
  const retryAfter = headers['retry-after'];
  if (typeof retryAfter === 'string' && /^\d+$/.test(retryAfter)) return Number(retryAfter);
  const usage = headers['x-business-use-case-usage'];
  if (typeof usage !== 'string') return undefined;
  try {
    const parsed = JSON.parse(usage) as Record<
      string,
      { estimated_time_to_regain_access?: unknown }[]
    >;
    let minutes = 0;
    for (const entries of Object.values(parsed)) {
      for (const e of Array.isArray(entries) ? entries : []) {
        const m = e.estimated_time_to_regain_access;
        if (typeof m === 'number' && m > minutes) minutes = m;
      }
    }
    return minutes > 0 ? minutes * 60 : undefined;
  } catch {
    return undefined;
  }
}
