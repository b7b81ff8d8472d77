import { z } from 'zod';
import { GraphApiError } from './graph.errors';
import type { GraphCredentials, GraphTransport } from './graph.transport';

// Meta's Resumable Upload API (graph-api/guides/upload; NOTES §4.2): the only way to get the
// `header_handle` a media header's example needs when a template is created.
//   1. POST /{app-id}/uploads?file_name&file_length&file_type       → { id: "upload:…" }
//   2. POST /{upload-id}, header `file_offset`, body = the bytes     → { h: "4::…" }
//   3. GET  /{upload-id} after an interruption                       → { file_offset }
// Quirks: the session id carries its signature (`upload:MTph…?sig=ARZ…`), so it goes into the
// URL as a path plus a query, never percent-encoded as one segment; `file_offset` must be a
// header (Meta ignores it as a query parameter); the token must be in the Authorization header,
// and the guide shows the `OAuth` scheme for step 2.

/** MIME types the upload API takes. */
export const uploadFileTypes = [
  'application/pdf',
  'image/jpeg',
  'image/jpg',
  'image/png',
  'video/mp4',
] as const;
export type UploadFileType = (typeof uploadFileTypes)[number];

export interface ResumableFile {
  fileName: string;
  fileType: UploadFileType;
  data: Uint8Array;
}

export const uploadSessionSchema = z.looseObject({ id: z.string().regex(/^upload:/) });
export const uploadOffsetSchema = z.looseObject({
  id: z.string().optional(),
  file_offset: z.coerce.number().int().nonnegative(),
});
/** Step 2 answers the handle once every byte is in; a partial chunk answers the offset. */
export const uploadBytesSchema = z
  .looseObject({
    h: z.string().min(1).optional(),
    file_offset: z.coerce.number().int().nonnegative().optional(),
  })
  .refine((r) => r.h !== undefined || r.file_offset !== undefined, 'neither h nor file_offset');
export type UploadBytesResponse = z.infer<typeof uploadBytesSchema>;

/** Splits `upload:abc?sig=xyz` into the path segment and its query parameters. */
function sessionTarget(sessionId: string): {
  segments: [string];
  query: Record<string, string>;
} {
  const [path = '', search = ''] = sessionId.split('?', 2);
  if (!path.startsWith('upload:')) throw new TypeError(`not an upload session id: ${path}`);
  return { segments: [path], query: Object.fromEntries(new URLSearchParams(search)) };
}

/** Step 1: opens an upload session for a file of the app; returns the session id. */
export async function startUploadSession(
  t: GraphTransport,
  creds: GraphCredentials,
  appId: string,
  file: { fileName: string; fileLength: number; fileType: UploadFileType },
): Promise<string> {
  const res = await t.call(creds, {
    method: 'POST',
    segments: [appId, 'uploads'],
    query: { file_name: file.fileName, file_length: file.fileLength, file_type: file.fileType },
    schema: uploadSessionSchema,
  });
  return res.id;
}

/** Step 3: how many bytes of the session Meta already has. */
export async function getUploadOffset(
  t: GraphTransport,
  creds: GraphCredentials,
  sessionId: string,
): Promise<number> {
  const target = sessionTarget(sessionId);
  const res = await t.call(creds, {
    method: 'GET',
    ...target,
    authScheme: 'OAuth',
    schema: uploadOffsetSchema,
  });
  return res.file_offset;
}

/** Step 2: sends `data` (the file from `offset` on) to the session. */
export async function uploadBytes(
  t: GraphTransport,
  creds: GraphCredentials,
  sessionId: string,
  data: Uint8Array,
  offset: number,
): Promise<UploadBytesResponse> {
  return t.call(creds, {
    method: 'POST',
    ...sessionTarget(sessionId),
    headers: { file_offset: String(offset) },
    bytes: data,
    authScheme: 'OAuth',
    schema: uploadBytesSchema,
  });
}

/** Failures after which the bytes may be partly in and asking for the offset is safe. */
const resumable = new Set(['retryable', 'unknown-outcome', 'throttled']);

/**
 * Sends the file from wherever the session stands until Meta answers the handle: after an
 * interrupted or transient failure it asks for the offset (step 3) and sends the rest, at
 * most `attempts` times. Permanent and auth errors are thrown at once.
 */
export async function resumeUpload(
  t: GraphTransport,
  creds: GraphCredentials,
  sessionId: string,
  data: Uint8Array,
  options: { attempts?: number; startOffset?: number } = {},
): Promise<string> {
  const attempts = options.attempts ?? 3;
  let offset: number | undefined = options.startOffset;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      offset ??= await getUploadOffset(t, creds, sessionId);
      if (offset > data.length)
        throw new TypeError(`Meta has ${offset} bytes of a ${data.length}-byte file`);
      const res = await uploadBytes(t, creds, sessionId, data.subarray(offset), offset);
      if (res.h !== undefined) return res.h;
      // A partial take: carry on from the offset Meta reports.
      offset = res.file_offset;
      lastError = new Error(`upload stopped at byte ${offset} of ${data.length}`);
    } catch (err) {
      if (!(err instanceof GraphApiError) || !resumable.has(err.classification)) throw err;
      lastError = err;
      offset = undefined;
    }
  }
  throw lastError;
}

/** Uploads a whole file (steps 1–3) and returns its handle for `example.header_handle`. */
export async function uploadFileForHandle(
  t: GraphTransport,
  creds: GraphCredentials,
  appId: string,
  file: ResumableFile,
  options: { attempts?: number } = {},
): Promise<{ handle: string; sessionId: string }> {
  const sessionId = await startUploadSession(t, creds, appId, {
    fileName: file.fileName,
    fileLength: file.data.length,
    fileType: file.fileType,
  });
  const handle = await resumeUpload(t, creds, sessionId, file.data, { ...options, startOffset: 0 });
  return { handle, sessionId };
}
