import { z } from 'zod';
import { Readable } from 'node:stream';
import {
  contactExportSchema,
  contactFilterSchema,
  contactImportListSchema,
  contactImportSchema,
  contactUploadPreviewQuerySchema,
  contactUploadPreviewSchema,
  contactUploadSchema,
  createContactImportSchema,
  createJsonContactImportSchema,
  JSON_IMPORT_MAX_CONTACTS,
} from '@kiana/contracts';
import { AppError } from '../../../errors';
import { auditContext } from '../../../http/principal';
import type { ZodApp } from '../../../http/types';
import { fileResponse } from '../../../http/openapi.responses';
import type { ImportsService } from './imports.service';
import type { ExportsService } from './exports.job';

const tags = ['Contacts'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream'];

/** Contact imports: upload a file, preview it, start the import, follow it, get the rejects. */
export function importsRoutes(app: ZodApp, imports: ImportsService, exports: ExportsService): void {
  // The upload is streamed to the file store as it arrives: its body parser hands the raw
  // stream over (so the 1 MB JSON body limit does not apply; the service enforces 100 MB).
  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    scope.post(
      '/contacts/imports/uploads',
      {
        config: { access: 'contacts.manage' },
        schema: {
          tags,
          description:
            'Uploads a CSV file (≤ 100 MB) as the raw body (text/csv) for an import; the `X-File-Name` header names it.',
          consumes: UPLOAD_TYPES,
          response: { 201: contactUploadSchema },
        },
      },
      async (request, reply) => {
        // A JSON (or empty) body is parsed by the shared parsers before it gets here.
        if (!(request.body instanceof Readable))
          throw new AppError('unsupported_media_type', `Send the file as ${UPLOAD_TYPES[0]}`, {
            status: 415,
          });
        const length = request.headers['content-length'];
        const fileName = request.headers['x-file-name'];
        const upload = await imports.upload(
          {
            body: request.body as Readable,
            declaredLength: length === undefined ? undefined : Number(length),
            fileName: typeof fileName === 'string' ? fileName.slice(0, 200) : null,
          },
          auditContext(request),
        );
        return reply.code(201).send(upload);
      },
    );
  });
  app.get(
    '/contacts/imports/uploads/:id/preview',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        params: idParams,
        querystring: contactUploadPreviewQuerySchema,
        response: { 200: contactUploadPreviewSchema },
      },
    },
    async (request) => imports.preview(request.params.id, request.query),
  );
  app.post(
    '/contacts/imports',
    {
      config: { access: 'contacts.manage' },
      schema: { tags, body: createContactImportSchema, response: { 202: contactImportSchema } },
    },
    async (request, reply) =>
      reply.code(202).send(await imports.create(request.body, auditContext(request))),
  );
  app.post(
    '/contacts/imports/json',
    {
      config: { access: 'contacts.manage' },
      // 10,000 contacts with names, tags and attributes exceed the shared 1 MB JSON limit.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        description: `Imports up to ${JSON_IMPORT_MAX_CONTACTS} contacts sent as JSON, as a durable job like a CSV upload: the same validation, policy (update, skip, merge_tags), summary and rejected rows. A malformed request is refused whole with a 400 whose \`details\` name each problem's field (\`body.contacts.<index>.<field>\`) and reason; a number that cannot be read is a rejected row of the finished import, numbered as in a CSV with a header (contacts[0] is row 2).`,
        body: createJsonContactImportSchema,
        response: { 202: contactImportSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await imports.createFromJson(request.body, auditContext(request))),
  );
  app.get(
    '/contacts/imports',
    {
      config: { access: 'contacts.read' },
      schema: { tags, querystring: listQuery, response: { 200: contactImportListSchema } },
    },
    async (request) => ({ imports: await imports.list(request.query.limit) }),
  );
  app.get(
    '/contacts/imports/:id',
    {
      config: { access: 'contacts.read' },
      schema: { tags, params: idParams, response: { 200: contactImportSchema } },
    },
    async (request) => imports.get(request.params.id),
  );
  app.get(
    '/contacts/imports/:id/rejected.csv',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        params: idParams,
        description: 'The rejected rows of an import as CSV: row, value, reason.',
        response: { 200: fileResponse('text/csv', 'Rejected rows: row, value, reason') },
      },
    },
    async (request, reply) => {
      const stream = await imports.rejected(request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="import-${request.params.id}-rejected.csv"`,
        )
        .send(stream);
    },
  );
  app.post(
    '/contacts/exports',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        description:
          'Exports every contact matching the filter (e.g. a segmentId) to CSV, as a job.',
        body: contactFilterSchema,
        response: { 202: contactExportSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await exports.create(request.body, auditContext(request))),
  );
  app.get(
    '/contacts/exports/:id',
    {
      config: { access: 'contacts.manage' },
      schema: { tags, params: idParams, response: { 200: contactExportSchema } },
    },
    async (request) => exports.get(request.params.id),
  );
  app.get(
    '/contacts/exports/:id/download',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        params: idParams,
        description: 'The CSV of a finished export.',
        response: { 200: fileResponse('text/csv', 'The exported contacts') },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="contacts-${request.params.id}.csv"`)
        .send(await exports.download(request.params.id)),
  );
}
