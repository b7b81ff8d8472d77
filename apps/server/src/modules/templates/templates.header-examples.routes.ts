import multipart from '@fastify/multipart';
import { z } from 'zod';
import { headerExampleDtoSchema, retryHeaderExampleBodySchema } from '@kiana/contracts';
import { PayloadTooLargeError, ValidationError } from '../../errors';
import { auditContext } from '../../http/principal';
import type { ZodApp } from '../../http/types';
import { HEADER_EXAMPLE_MAX_BYTES, type HeaderExampleFile } from './templates.header-examples';
import type { TemplatesService } from './templates.service';

const tags = ['Templates'];

/**
 * `POST /templates/header-examples/:id/retry`: uploads a stored sample to Meta again, from
 * whichever process the request reaches (the sample lives in the file store).
 * `POST /templates/header-examples`: multipart with `accountId` and one `file`. Multipart is
 * registered in this scope only; the rest of the API stays JSON.
 */
export function headerExampleRoutes(app: ZodApp, templates: TemplatesService): void {
  app.post(
    '/templates/header-examples/:id/retry',
    {
      config: { access: 'templates.manage' },
      schema: {
        tags,
        description:
          'Uploads a stored header sample to Meta again (after a failed upload); returns a new handle.',
        params: z.object({ id: z.uuid() }),
        body: retryHeaderExampleBodySchema,
        response: { 201: headerExampleDtoSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await templates.retryHeaderExample(
            request.params.id,
            request.body.accountId,
            auditContext(request),
          ),
        ),
  );
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: HEADER_EXAMPLE_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024 },
    });
    scope.post(
      '/templates/header-examples',
      {
        config: { access: 'templates.manage' },
        bodyLimit: HEADER_EXAMPLE_MAX_BYTES + 64 * 1024,
        schema: {
          tags,
          description:
            'Uploads the sample of a media header (JPEG/PNG ≤ 5 MB, MP4 ≤ 16 MB, PDF ≤ 100 MB) to Meta; returns the handle for example.header_handle.',
          consumes: ['multipart/form-data'],
          response: { 201: headerExampleDtoSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new ValidationError(
            'Send the sample as multipart/form-data with accountId and file',
          );
        const fields: Record<string, string> = {};
        let file: HeaderExampleFile | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              file = {
                fileName: part.filename,
                mimeType: part.mimetype,
                data: await part.toBuffer(),
              };
            } else {
              fields[part.fieldname] = String(part.value);
            }
          }
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new PayloadTooLargeError(
              `The file is larger than ${HEADER_EXAMPLE_MAX_BYTES / (1024 * 1024)} MB`,
            );
          throw err;
        }
        const accountId = fields.accountId ?? '';
        if (accountId === '') throw new ValidationError('accountId is required');
        if (file === undefined) throw new ValidationError('file is required');
        const dto = await templates.uploadHeaderExample(accountId, file, auditContext(request));
        return reply.code(201).send(dto);
      },
    );
  });
}
