import { mediaParamsSchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import type { MediaStore } from './conversations.media';

/** The conversations surface so far: media of inbound messages, for signed-in users only. */
export function conversationsRoutes(app: ZodApp, media: MediaStore): void {
  app.get(
    '/media/:messageId',
    {
      config: { access: 'conversations.read' },
      schema: { params: mediaParamsSchema, hide: true },
    },
    async (request, reply) => {
      const found = await media.open(request.params.messageId);
      // Customer files are never rendered inline as our origin's content.
      const name = (found.filename ?? request.params.messageId).replace(/[^\w.-]+/g, '_');
      return reply
        .type(found.mime)
        .header('content-length', String(found.size))
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(found.stream);
    },
  );
}
