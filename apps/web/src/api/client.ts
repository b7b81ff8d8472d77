import type { z } from 'zod';
import { apiErrorSchema } from '@kiana/contracts';

/** An error answered by the API, with its stable code and the request id to quote. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Set by the session gate; sent with every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions<S extends z.ZodType> {
  schema: S;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function buildUrl(path: string, query: Query | undefined): string {
  const url = `/api/v1${path}`;
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs === '' ? url : `${url}?${qs}`;
}

/** The session's token, or the readable kiana_csrf cookie when no gate has set it yet. */
function currentCsrf(): string | undefined {
  return csrfToken ?? /(?:^|;\s*)kiana_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

function toApiError(status: number, json: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(json);
  return parsed.success
    ? new ApiError(
        status,
        parsed.data.code,
        parsed.data.message,
        parsed.data.details,
        parsed.data.requestId,
      )
    : new ApiError(status, 'http_error', `Request failed (${status})`, undefined, undefined);
}

/**
 * Sends a file as the raw request body, reporting upload progress (0..1): fetch cannot
 * report it, XMLHttpRequest can. The file is streamed from disk by the browser.
 */
export function apiUpload<S extends z.ZodType>(
  path: string,
  file: File,
  options: { schema: S; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, undefined));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'text/csv');
    // Header values must be ISO-8859-1: the name is sent percent-encoded.
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    const csrf = currentCsrf();
    if (csrf !== undefined) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'Network error', undefined, undefined));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) reject(toApiError(xhr.status, json));
      else {
        const parsed = options.schema.safeParse(json);
        if (parsed.success) resolve(parsed.data as z.infer<S>);
        else reject(parsed.error);
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** The one way the SPA talks to the server: typed in, parsed with zod out. */
export async function apiRequest<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions<S>,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // FormData (file uploads) goes as multipart; the browser sets the boundary header itself.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  // The session's token, or the readable kiana_csrf cookie when no gate has set it yet.
  const csrf = currentCsrf();
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  const response = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body:
      options.body === undefined
        ? undefined
        : isForm
          ? (options.body as FormData)
          : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) throw toApiError(response.status, json);
  return options.schema.parse(json) as z.infer<S>;
}

/** Shorthands for the common verbs. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: Query) =>
    apiRequest('GET', path, { schema, query }),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    apiRequest('POST', path, { schema, body }),
  put: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    apiRequest('PUT', path, { schema, body }),
  patch: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    apiRequest('PATCH', path, { schema, body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => apiRequest('DELETE', path, { schema }),
};
