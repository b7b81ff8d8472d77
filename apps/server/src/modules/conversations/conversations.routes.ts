import { mediaParamsSchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import type { MediaStore } from './conversations.media';
import { fileResponse } from '../../http/openapi.responses';

/** The conversations surface so far: media of inbound messages, for signed-in users only. */
export function conversationsRoutes(app: ZodApp, media: MediaStore): void {
  app.get(
    '/media/:messageId',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags: ['Conversations'],
        description: 'The file of an inbound media message, with its own content type.',
        params: mediaParamsSchema,
        response: { 200: fileResponse('*/*', 'The media file, as an attachment', true) },
      },
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
