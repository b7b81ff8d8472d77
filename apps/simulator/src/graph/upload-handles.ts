import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TemplateComponent } from '@kiana/contracts';
import type { SimContext } from '../context';
import { MetaError } from './errors';

// File handles of the Resumable Upload API and the check Meta makes when a template's media
// header names one. A real handle looks like
// `4::aW1hZ2UvanBn:ARY…:e:1681000441:634974688087057:100089620928913:ARbB…` (the OpenAPI
// examples of message_templates): "4::", the MIME type in base64, an opaque part, an expiry.
// Ours keep that shape and end in an HMAC, so any simulator can tell its own handles from
// made-up ones without remembering them (they survive a control reset).

const KEY = 'sim-resumable-upload';
const HANDLE_TTL_S = 30 * 24 * 3600;

/** MIME types the Resumable Upload API takes (Meta's guide lists exactly these). */
export const UPLOAD_FILE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/jpg',
  'image/png',
  'video/mp4',
] as const;

/** Largest sample per header format (Meta's template media limits: 5 MB, 16 MB, 100 MB). */
export const UPLOAD_MAX_BYTES: Record<string, number> = {
  'image/jpeg': 5 * 1024 * 1024,
  'image/jpg': 5 * 1024 * 1024,
  'image/png': 5 * 1024 * 1024,
  'video/mp4': 16 * 1024 * 1024,
  'application/pdf': 100 * 1024 * 1024,
};

const formatTypes: Record<string, readonly string[]> = {
  IMAGE: ['image/jpeg', 'image/jpg', 'image/png'],
  VIDEO: ['video/mp4'],
  DOCUMENT: ['application/pdf'],
};

const sign = (text: string): string =>
  createHmac('sha256', KEY).update(text).digest('base64url').slice(0, 22);

/** Issues the handle of a completed upload of `mimeType` for `appId`. */
export function issueHandle(appId: string, mimeType: string, nowMs: number): string {
  const expires = Math.floor(nowMs / 1000) + HANDLE_TTL_S;
  const body = `4::${Buffer.from(mimeType).toString('base64')}:${randomBytes(24).toString('base64url')}:e:${expires}:${appId}`;
  return `${body}:${sign(body)}`;
}

/** The MIME type and app of a handle this simulator issued; `undefined` for any other string. */
export function readHandle(handle: string): { mimeType: string; appId: string } | undefined {
  const m = /^4::([A-Za-z0-9+/=]+):[A-Za-z0-9_-]+:e:\d+:(\d+):([A-Za-z0-9_-]+)$/.exec(handle);
  if (m === null) return undefined;
  const body = handle.slice(0, handle.length - (m[3] ?? '').length - 1);
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(m[3] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { mimeType: Buffer.from(m[1] ?? '', 'base64').toString('utf8'), appId: m[2] ?? '' };
}

/**
 * Meta's check of a media header's example at template create/edit: an IMAGE, VIDEO or
 * DOCUMENT header needs `example.header_handle` from the Resumable Upload API (subcode
 * 2388273 when missing; a URL or made-up string is refused as an invalid handle, 2494102),
 * and the uploaded file's type must fit the format (an image for IMAGE, mp4 for VIDEO, PDF for
 * DOCUMENT) — the mismatch Whatomate users hit as 132012 at send time is caught here.
 */
export function checkMediaHeaderExample(ctx: SimContext, components: TemplateComponent[]): void {
  const header = components.find((c) => c.type === 'HEADER');
  const format = header?.format;
  if (header === undefined || format === undefined) return;
  const allowed = formatTypes[format];
  if (allowed === undefined) return;
  const handles = (header.example as { header_handle?: unknown } | undefined)?.header_handle;
  const handle = Array.isArray(handles) ? handles[0] : undefined;
  if (typeof handle !== 'string' || handle === '') {
    throw new MetaError(
      100,
      `Templates with ${format} header type need an example/sample, but it was not provided: upload a sample with the Resumable Upload API and pass its handle in example.header_handle.`,
      2388273,
    );
  }
  const issued = readHandle(handle);
  if (issued === undefined || issued.appId !== ctx.store.waba.appId) {
    throw new MetaError(
      100,
      `Uploaded media handle is invalid: example.header_handle must be a handle returned by POST /{upload-session-id} of the Resumable Upload API for app ${ctx.store.waba.appId}.`,
      2494102,
    );
  }
  if (!allowed.includes(issued.mimeType)) {
    throw new MetaError(
      100,
      `Header format mismatch: a ${format} header needs a ${allowed.join(' or ')} sample, but the uploaded file is ${issued.mimeType}.`,
      2494102,
    );
  }
}
