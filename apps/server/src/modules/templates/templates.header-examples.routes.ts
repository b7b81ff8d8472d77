import { z } from 'zod';
import { headerExampleDtoSchema, retryHeaderExampleBodySchema } from '@kiana/contracts';
import { ValidationError } from '../../errors';
import { readSingleFileForm, registerSingleFileForm } from '../../http/multipart';
import { auditContext } from '../../http/principal';
import type { ZodApp } from '../../http/types';
import { HEADER_EXAMPLE_MAX_BYTES } from './templates.header-examples';
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
    await registerSingleFileForm(scope, {
      maxBytes: HEADER_EXAMPLE_MAX_BYTES,
      fields: 4,
      fieldSize: 1024,
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
        const { fields, file } = await readSingleFileForm(request, {
          notMultipart: 'Send the sample as multipart/form-data with accountId and file',
          tooLarge: `The file is larger than ${HEADER_EXAMPLE_MAX_BYTES / (1024 * 1024)} MB`,
        });
        const accountId = fields.accountId ?? '';
        if (accountId === '') throw new ValidationError('accountId is required');
        if (file === undefined) throw new ValidationError('file is required');
        const dto = await templates.uploadHeaderExample(
          accountId,
          { fileName: file.filename, mimeType: file.mimeType, data: file.data },
          auditContext(request),
        );
        return reply.code(201).send(dto);
      },
    );
  });
}
