import { Blob } from 'node:buffer';
import { FormData } from 'undici';
import { AppError, PayloadTooLargeError } from '../errors';
import { discard, readLimited } from './graph.body';
import { graphErrorFromNetwork } from './graph.network';
import { graphErrorFromResponse } from './graph.errors';
import type { GraphCredentials, GraphTransport } from './graph.transport';
import {
  mediaUploadResponseSchema,
  mediaUrlResponseSchema,
  successResponseSchema,
  type MediaUrl,
  type SuccessResponse,
} from './graph.schemas';

/**
 * Hosts that may receive the Bearer token when downloading media: Meta serves media URLs
 * from lookaside.fbsbx.com; anything else must be the configured Graph origin (the
 * simulator). A token is never sent to an arbitrary host named in a response.
 */
export const defaultMediaHostSuffixes: readonly string[] = [
  '.fbsbx.com',
  '.facebook.com',
  '.whatsapp.net',
  '.fbcdn.net',
];

export interface MediaUpload {
  data: Uint8Array;
  mimeType: string;
  filename: string;
}

/** Uploads a file (multipart) to the number's media store; returns the media id. */
export async function uploadMedia(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  file: MediaUpload,
): Promise<{ id: string }> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mimeType);
  form.set('file', new Blob([file.data], { type: file.mimeType }), file.filename);
  return t.call(creds, {
    method: 'POST',
    segments: [phoneNumberId, 'media'],
    form,
    schema: mediaUploadResponseSchema,
  });
}

/** Resolves a media id to its short-lived download URL, MIME type, size and hash. */
export async function getMediaUrl(
  t: GraphTransport,
  creds: GraphCredentials,
  mediaId: string,
  phoneNumberId?: string,
): Promise<MediaUrl> {
  return t.call(creds, {
    method: 'GET',
    segments: [mediaId],
    query: { phone_number_id: phoneNumberId },
    schema: mediaUrlResponseSchema,
  });
}

/** Deletes uploaded media. */
export async function deleteMedia(
  t: GraphTransport,
  creds: GraphCredentials,
  mediaId: string,
  phoneNumberId?: string,
): Promise<SuccessResponse> {
  return t.call(creds, {
    method: 'DELETE',
    segments: [mediaId],
    query: { phone_number_id: phoneNumberId },
    schema: successResponseSchema,
  });
}

export interface DownloadedMedia {
  data: Buffer;
  contentType: string | undefined;
  size: number;
}

export interface DownloadOptions {
  maxBytes: number;
  allowedHostSuffixes?: readonly string[];
}

/** Whether the token may be sent to this URL. */
export function isAllowedMediaUrl(
  t: GraphTransport,
  url: URL,
  suffixes: readonly string[],
): boolean {
  if (url.origin === t.origin) return true;
  return url.protocol === 'https:' && suffixes.some((s) => url.hostname.endsWith(s));
}

/**
 * Downloads a media URL from `getMediaUrl` (it needs the Bearer token) into memory,
 * refusing anything larger than `maxBytes` before or while reading it.
 */
export async function downloadMedia(
  t: GraphTransport,
  creds: GraphCredentials,
  rawUrl: string,
  options: DownloadOptions,
): Promise<DownloadedMedia> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new AppError('media_url_invalid', 'Media URL is not a valid URL', { status: 502 });
  }
  if (!isAllowedMediaUrl(t, url, options.allowedHostSuffixes ?? defaultMediaHostSuffixes)) {
    throw new AppError(
      'media_host_not_allowed',
      `Refusing to send the access token to ${url.host}`,
      {
        status: 502,
      },
    );
  }
  // Observed like any Graph call; the path only, since the URL's query is a signed grant.
  return t.observed(creds, { method: 'GET', path: url.pathname }, () =>
    fetchMedia(t, creds, url, options),
  );
}

async function fetchMedia(
  t: GraphTransport,
  creds: GraphCredentials,
  url: URL,
  options: DownloadOptions,
): Promise<DownloadedMedia> {
  const res = await t.fetchAuthorized(url, creds.accessToken);
  const request = { method: 'GET', path: url.pathname };
  const contentType = headerValue(res.headers['content-type']);
  try {
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = (await readLimited(res.body, 64 * 1024)).toString('utf8');
      throw graphErrorFromResponse(request, res.statusCode, safeJson(text));
    }
    const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      discard(res.body);
      throw new PayloadTooLargeError(`Media is ${declared} bytes, more than ${options.maxBytes}`);
    }
    const data = await readLimited(res.body, options.maxBytes);
    return { data, contentType, size: data.length };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw graphErrorFromNetwork(request, err);
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
