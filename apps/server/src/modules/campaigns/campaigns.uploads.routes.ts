import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type CampaignUpload,
  campaignUploadCheckQuerySchema,
  campaignUploadCheckSchema,
  campaignUploadFieldsSchema,
  campaignUploadFormSchema,
  campaignUploadSchema,
} from '@kiana/contracts';
import { AppError, ValidationError } from '../../errors';
import { FormDigest, registerSingleFileForm } from '../../http/multipart';
import { fileResponse } from '../../http/openapi.responses';
import { auditContext } from '../../http/principal';
import type { ZodApp } from '../../http/types';
import { CAMPAIGN_UPLOAD_MAX_BYTES, type CampaignUploads } from './campaigns.uploads';

const tags = ['Campaigns'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const uploadParams = idParams.extend({ uploadId: z.string().min(1).max(64) });
const MB = 1024 * 1024;

/**
 * A CSV audience: upload to a draft (multipart, streamed to the file store), read it back
 * with its first rows, check every row's number, download the rows that will be removed.
 */
export function campaignUploadRoutes(app: ZodApp, uploads: CampaignUploads): void {
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // Unlike the other single-file forms, the file part is streamed to the store (never
    // buffered); the store's counter refuses a byte past the limit with a 413.
    await registerSingleFileForm(scope, {
      maxBytes: CAMPAIGN_UPLOAD_MAX_BYTES + 1,
      fields: 4,
      fieldSize: 64,
    });
    scope.post(
      '/campaigns/:id/uploads',
      {
        config: { access: 'campaigns.write' },
        bodyLimit: CAMPAIGN_UPLOAD_MAX_BYTES + 64 * 1024,
        schema: {
          tags,
          description: `Uploads a CSV (≤ ${CAMPAIGN_UPLOAD_MAX_BYTES / MB} MB, first row a header; UTF-8 with or without BOM, UTF-16 or Windows-1252; \`,\` \`;\` or tab) to a draft as multipart/form-data: optional \`encoding\` and \`delimiter\` fields (detected otherwise) before one \`file\`. Answers the header, the first rows and the column guessed to hold the numbers; the audience then names it with \`uploadId\` and \`csvNumberColumn\`.`,
          params: idParams,
          consumes: ['multipart/form-data'],
          // Documents the form only: the multipart parser leaves the body unset (the file is
          // streamed from the parts), so the optional schema never refuses it.
          body: campaignUploadFormSchema.nullish(),
          response: { 201: campaignUploadSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Send the CSV as multipart/form-data', {
            status: 415,
          });
        const fields: Record<string, string> = {};
        const form = new FormDigest();
        let upload: CampaignUpload | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            const value = String(part.value);
            fields[part.fieldname] = value;
            form.field(part.fieldname, value);
            continue;
          }
          const chosen = campaignUploadFieldsSchema.safeParse(fields);
          if (!chosen.success) throw new ValidationError('Invalid fields', chosen.error.issues);
          upload = await uploads.upload(
            request.params.id,
            {
              body: form.readFile(part),
              fileName: part.filename.slice(0, 200) || null,
              ...chosen.data,
            },
            auditContext(request),
          );
        }
        if (upload === undefined) throw new ValidationError('file is required', { field: 'file' });
        // The whole form is read (fields after the file too): its fingerprint is complete.
        request.bodyDigest = form.digest();
        return reply.code(201).send(upload);
      },
    );
  });
  app.get(
    '/campaigns/:id/uploads/:uploadId',
    {
      config: { access: 'campaigns.read' },
      schema: { tags, params: uploadParams, response: { 200: campaignUploadSchema } },
    },
    async (request) => uploads.get(request.params.id, request.params.uploadId),
  );
  app.get(
    '/campaigns/:id/uploads/:uploadId/check',
    {
      config: { access: 'campaigns.read' },
      schema: {
        tags,
        description:
          'Reads the whole file with the number in `numberColumn`: rows, valid numbers, and the invalid and duplicate rows (row number, value, reason) that materialisation will remove.',
        params: uploadParams,
        querystring: campaignUploadCheckQuerySchema,
        response: { 200: campaignUploadCheckSchema },
      },
    },
    async (request) =>
      uploads.check(request.params.id, request.params.uploadId, request.query.numberColumn),
  );
  app.get(
    '/campaigns/:id/uploads/:uploadId/rejected.csv',
    {
      config: { access: 'campaigns.read' },
      schema: {
        tags,
        description:
          'Every invalid and duplicate row of the file as CSV: row, value, reason, detail, first_row.',
        params: uploadParams,
        querystring: campaignUploadCheckQuerySchema,
        response: {
          200: fileResponse('text/csv', 'Rows removed: row, value, reason, detail, first_row'),
        },
      },
    },
    async (request, reply) => {
      const { id, uploadId } = request.params;
      const stream = await uploads.rejected(id, uploadId, request.query.numberColumn);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="campaign-${id}-csv-rejected.csv"`)
        .send(stream);
    },
  );
}
