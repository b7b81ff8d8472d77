import { z } from 'zod';
import {
  deleteTemplateQuerySchema,
  duplicateTemplateBodySchema,
  lintResultSchema,
  submitTemplateBodySchema,
  templateDraftSchema,
  templateDtoSchema,
  templateEventListSchema,
  templateListQuerySchema,
  templateListSchema,
  templateSlotSchema,
  templateSyncResultSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { TemplatesService } from './templates.service';
import { headerExampleRoutes } from './templates.header-examples.routes';

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['Templates'];

/** Templates: list, sync, lint, submit, duplicate, delete, media header samples. */
export function templatesRoutes(app: ZodApp, templates: TemplatesService): void {
  headerExampleRoutes(app, templates);
  app.get(
    '/templates',
    {
      config: { access: 'templates.read' },
      schema: { tags, querystring: templateListQuerySchema, response: { 200: templateListSchema } },
    },
    async (request) => ({ templates: await templates.list(request.query) }),
  );
  app.get(
    '/templates/:id',
    {
      config: { access: 'templates.read' },
      schema: { tags, params: idParams, response: { 200: templateDtoSchema } },
    },
    async (request) => templates.get(request.params.id),
  );
  app.get(
    '/templates/:id/events',
    {
      config: { access: 'templates.read' },
      schema: { tags, params: idParams, response: { 200: templateEventListSchema } },
    },
    async (request) => ({ events: await templates.events(request.params.id) }),
  );
  app.get(
    '/templates/:id/slots',
    {
      config: { access: 'templates.read' },
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ slots: z.array(templateSlotSchema) }) },
      },
    },
    async (request) => ({ slots: await templates.slots(request.params.id) }),
  );
  app.post(
    '/templates/lint',
    {
      config: { access: 'templates.read' },
      schema: { tags, body: templateDraftSchema, response: { 200: lintResultSchema } },
    },
    async (request) => templates.lint(request.body),
  );
  app.post(
    '/templates',
    {
      config: { access: 'templates.manage' },
      schema: { tags, body: submitTemplateBodySchema, response: { 201: templateDtoSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await templates.submit(request.body, auditContext(request))),
  );
  app.post(
    '/templates/:id/duplicate',
    {
      config: { access: 'templates.manage' },
      schema: {
        tags,
        params: idParams,
        body: duplicateTemplateBodySchema,
        response: { 201: templateDtoSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await templates.duplicate(request.params.id, request.body, auditContext(request))),
  );
  app.delete(
    '/templates/:id',
    {
      config: { access: 'templates.manage' },
      schema: {
        tags,
        params: idParams,
        querystring: deleteTemplateQuerySchema,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await templates.remove(request.params.id, request.query.scope, auditContext(request));
      return { ok: true as const };
    },
  );
  app.post(
    '/whatsapp/accounts/:id/sync-templates',
    {
      config: { access: 'templates.manage' },
      schema: { tags, params: idParams, response: { 200: templateSyncResultSchema } },
    },
    async (request) => templates.sync(request.params.id),
  );
}
