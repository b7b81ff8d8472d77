import { createHash, createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { MediaInfo } from '@kiana/contracts';
import type { SimContext } from '../context';
import { newGraphId } from '../state/ids';
import type { MediaItem } from '../state/store';
import { liveMedia, UPLOADED_MEDIA_TTL_MS } from '../media/lifetime';
import { authorize, checkVersion, unknownObject } from './auth';
import { MetaError } from './errors';

// Media (NOTES §5.2): multipart upload → id; GET /{media-id} → a URL valid 5 minutes; the
// download of that URL needs the Bearer token.

const URL_TTL_MS = 5 * 60 * 1000;
const MB = 1024 * 1024;
/**
 * Supported media types and sizes (Meta "Supported media types", NOTES §5.2): audio 16 MB,
 * documents 100 MB, images 5 MB, stickers (webp) 500 KB animated, video 16 MB. Anything else is
 * refused with 100 ("Param file must be a file with one of the following types").
 */
const maxBytes: Record<string, number> = {
  'audio/aac': 16 * MB,
  'audio/amr': 16 * MB,
  'audio/mpeg': 16 * MB,
  'audio/mp4': 16 * MB,
  'audio/ogg': 16 * MB,
  'text/plain': 100 * MB,
  'application/pdf': 100 * MB,
  'application/vnd.ms-excel': 100 * MB,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 100 * MB,
  'application/msword': 100 * MB,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 100 * MB,
  'application/vnd.ms-powerpoint': 100 * MB,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 100 * MB,
  'image/jpeg': 5 * MB,
  'image/png': 5 * MB,
  'image/webp': 500 * 1024,
  'video/mp4': 16 * MB,
  'video/3gpp': 16 * MB,
};

/** The size limit of a MIME type (parameters such as `; codecs=opus` ignored), if supported. */
export function mediaLimitOf(mimeType: string): number | undefined {
  return maxBytes[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''];
}

function urlHash(id: string, expires: number): string {
  return createHmac('sha256', 'sim-media').update(`${id}:${expires}`).digest('hex').slice(0, 16);
}

/** What `GET /{media-id}` answers: the URL mimics lookaside.fbsbx.com's shape. */
export function mediaInfo(ctx: SimContext, m: MediaItem): MediaInfo {
  // The URL's 5 minutes run on the simulated clock, like the id's 30 / 7 days.
  const expires = ctx.clock.now() + URL_TTL_MS;
  return {
    messaging_product: 'whatsapp',
    url: `${ctx.baseUrl}/whatsapp_business/attachments/?mid=${m.id}&ext=${expires}&hash=${urlHash(m.id, expires)}`,
    mime_type: m.mimeType,
    sha256: m.sha256,
    file_size: String(m.bytes.length),
    id: m.id,
  };
}

/** Registers upload and download. */
export function registerMediaRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post<{ Params: { version: string; phoneNumberId: string } }>(
    '/:version/:phoneNumberId/media',
    async (request) => {
      checkVersion(ctx, request.params.version);
      const phone = ctx.store.numbers.get(request.params.phoneNumberId);
      authorize(ctx, request, phone?.wabaId, 'whatsapp_business_messaging');
      if (phone === undefined) throw unknownObject(request.params.phoneNumberId, 'post');
      if (!request.isMultipart()) throw new MetaError(100, 'Upload must be multipart/form-data');
      let file: { bytes: Buffer; mimetype: string } | undefined;
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'file') file = { bytes: await part.toBuffer(), mimetype: part.mimetype };
        else fields[part.fieldname] = String(part.value);
      }
      if (fields.messaging_product !== 'whatsapp')
        throw new MetaError(100, 'The parameter messaging_product is required.');
      if (file === undefined) throw new MetaError(100, 'The parameter file is required.');
      const mimeType = fields.type ?? file.mimetype;
      const limit = mediaLimitOf(mimeType);
      if (limit === undefined)
        throw new MetaError(
          100,
          `Param file must be a file with one of the following types: ${Object.keys(maxBytes).join(', ')}. Received file of type '${mimeType}'.`,
        );
      if (file.bytes.length > limit)
        throw new MetaError(131053, `File of type ${mimeType} exceeds ${limit} bytes`);
      const id = newGraphId();
      const sha256 = createHash('sha256').update(file.bytes).digest('base64');
      ctx.store.media.set(id, {
        id,
        phoneNumberId: phone.id,
        mimeType,
        bytes: file.bytes,
        sha256,
        createdAt: ctx.clock.now(),
        expiresAt: ctx.clock.now() + UPLOADED_MEDIA_TTL_MS,
      });
      return { id };
    },
  );

  app.get<{ Querystring: { mid?: string; ext?: string; hash?: string } }>(
    '/whatsapp_business/attachments/',
    async (request, reply) => {
      // Without the Bearer token Meta does not return the media (NOTES §5.2).
      authorize(ctx, request, undefined, 'whatsapp_business_messaging');
      const { mid = '', ext = '0', hash = '' } = request.query;
      const expires = Number(ext);
      if (hash !== urlHash(mid, expires) || ctx.clock.now() > expires) {
        return reply
          .code(404)
          .send({ error: { message: 'URL signature expired', type: 'OAuthException', code: 100 } });
      }
      const media = liveMedia(ctx, mid);
      if (media === undefined)
        return reply
          .code(404)
          .send({ error: { message: 'Media not found', type: 'OAuthException', code: 100 } });
      return reply.type(media.mimeType).send(media.bytes);
    },
  );
}
