import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context';
import { authorize, checkVersion, unknownObject } from './auth';
import { MetaError } from './errors';
import { issueHandle, UPLOAD_FILE_TYPES, UPLOAD_MAX_BYTES } from './upload-handles';

// The Resumable Upload API (Meta's graph-api/guides/upload, NOTES §4.2):
//   POST /{version}/{app-id}/uploads?file_name=&file_length=&file_type=  → { id: "upload:…" }
//   POST /{version}/upload:{session}  headers `file_offset: N`, body = raw bytes → { h }
//   GET  /{version}/upload:{session}  → { id, file_offset } to resume an interrupted upload.
// Meta's session ids look like `upload:MTph…?sig=ARZ…`: the `?sig=` part reaches us as a query
// parameter when the id is put into the path as it is. The bytes call needs the token in the
// Authorization header (Meta's guide shows `OAuth <token>`; Bearer works too), never in the
// query.

interface UploadSession {
  key: string;
  appId: string;
  fileName: string;
  fileType: string;
  fileLength: number;
  chunks: Buffer[];
  offset: number;
  handle?: string;
}

const sessionsOf = new WeakMap<SimContext, Map<string, UploadSession>>();
const sigOf = (key: string): string =>
  createHmac('sha256', 'sim-upload-session').update(key).digest('base64url').slice(0, 16);

function sessions(ctx: SimContext): Map<string, UploadSession> {
  let map = sessionsOf.get(ctx);
  if (map === undefined) {
    map = new Map();
    sessionsOf.set(ctx, map);
  }
  return map;
}

type SessionRequest = FastifyRequest<{
  Params: { version: string; session: string };
  Querystring: { sig?: string };
}>;

function findSession(ctx: SimContext, request: SessionRequest): UploadSession {
  checkVersion(ctx, request.params.version);
  authorize(ctx, request, undefined, 'whatsapp_business_management');
  const { session } = request.params;
  const found = sessions(ctx).get(session);
  // The signature travels with the id; a session id without it is not the one we issued.
  if (found === undefined || request.query.sig !== sigOf(session))
    throw unknownObject(`upload:${session}`, request.method);
  return found;
}

/** Registers session creation, byte upload and resume of the Resumable Upload API. */
export function registerUploadRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{
    Params: { version: string; appId: string };
    Querystring: Record<string, string | undefined>;
  }>('/:version/:appId/uploads', async (request) => {
    checkVersion(ctx, request.params.version);
    authorize(ctx, request, undefined, 'whatsapp_business_management');
    const { appId } = request.params;
    if (appId !== ctx.store.waba.appId) throw unknownObject(appId, 'post');
    const q = request.query;
    const fileLength = Number(q.file_length);
    if (q.file_length === undefined || !Number.isInteger(fileLength) || fileLength <= 0)
      throw new MetaError(
        100,
        'The parameter file_length is required and must be a positive integer.',
      );
    const fileType = q.file_type ?? '';
    if (!(UPLOAD_FILE_TYPES as readonly string[]).includes(fileType)) {
      throw new MetaError(
        100,
        `Invalid file_type "${fileType}". Valid values are: ${UPLOAD_FILE_TYPES.join(', ')}.`,
      );
    }
    const limit = UPLOAD_MAX_BYTES[fileType] ?? 0;
    if (fileLength > limit)
      throw new MetaError(
        100,
        `A ${fileType} file can be at most ${limit} bytes (file_length ${fileLength}).`,
      );
    const key = randomBytes(18).toString('base64url');
    sessions(ctx).set(key, {
      key,
      appId,
      fileName: q.file_name ?? 'upload',
      fileType,
      fileLength,
      chunks: [],
      offset: 0,
    });
    return { id: `upload:${key}?sig=${sigOf(key)}` };
  });

  void app.register(async (scope) => {
    // The bytes come raw with whatever content type the client sets (curl's --data-binary
    // sends application/x-www-form-urlencoded): read every body of this scope as a Buffer.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 100 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    scope.get('/:version/upload:::session', async (request: SessionRequest) => {
      const s = findSession(ctx, request);
      return { id: `upload:${s.key}`, file_offset: s.offset };
    });

    scope.post(
      '/:version/upload:::session',
      { bodyLimit: 100 * 1024 * 1024 },
      async (request: SessionRequest) => {
        const s = findSession(ctx, request);
        if (!/^(Bearer|OAuth)\s/i.test(request.headers.authorization ?? ''))
          throw new MetaError(
            100,
            'The access token must be sent in the Authorization header (OAuth <token>).',
          );
        const header = request.headers.file_offset;
        const offset = Number(Array.isArray(header) ? header[0] : header);
        if (header === undefined || !Number.isInteger(offset) || offset < 0)
          throw new MetaError(100, 'The file_offset header is required.');
        if (s.handle !== undefined && offset >= s.fileLength) return { h: s.handle };
        if (offset !== s.offset) {
          throw new MetaError(
            100,
            `file_offset ${offset} does not match the ${s.offset} bytes received so far; GET the session to resume.`,
          );
        }
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (offset + bytes.length > s.fileLength) {
          throw new MetaError(
            100,
            `The upload is longer than file_length ${s.fileLength} (${offset + bytes.length} bytes).`,
          );
        }
        s.chunks.push(bytes);
        s.offset += bytes.length;
        if (s.offset < s.fileLength) return { id: `upload:${s.key}`, file_offset: s.offset };
        s.handle = issueHandle(s.appId, s.fileType, ctx.clock.now());
        s.chunks = [];
        return { h: s.handle };
      },
    );
  });
}
