import { z } from 'zod';
import {
  contactBulkInputSchema,
  contactBulkResultSchema,
  contactCreateSchema,
  contactDetailSchema,
  contactListQuerySchema,
  contactPageSchema,
  contactQueryInputSchema,
  contactUpdateSchema,
  segmentInputSchema,
  segmentPreviewInputSchema,
  segmentPreviewSchema,
  segmentSchema,
  tagInputSchema,
  tagSchema,
  tagWithCountSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { ContactsManageService } from './contacts.manage.service';
import type { SegmentsService } from './contacts.segments.service';
import type { TagsService } from './contacts.tags.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const deleteQuery = z.object({
  /** Also put the number on the suppression list, so it is never messaged again. */
  suppress: z.enum(['true', 'false']).default('false'),
});
const ok = { 200: z.object({ ok: z.literal(true) }) };

/** Contacts, tags and segments under /api/v1. */
export function contactsRoutes(
  app: ZodApp,
  s: { contacts: ContactsManageService; tags: TagsService; segments: SegmentsService },
): void {
  const tags = ['Contacts'];
  const read = { access: 'contacts.read' } as const;
  const manage = { access: 'contacts.manage' } as const;

  app.get(
    '/contacts',
    {
      config: read,
      schema: { tags, querystring: contactListQuerySchema, response: { 200: contactPageSchema } },
    },
    async (request) => {
      const { q, tagId, consent, country, segmentId, ...paging } = request.query;
      const filter = {
        q,
        consent,
        country,
        segmentId,
        tagIds: tagId === undefined ? undefined : [tagId],
      };
      return s.contacts.query({ filter, ...paging });
    },
  );
  app.post(
    '/contacts/query',
    {
      config: read,
      schema: { tags, body: contactQueryInputSchema, response: { 200: contactPageSchema } },
    },
    async (request) => s.contacts.query(request.body),
  );
  app.get(
    '/contacts/:id',
    { config: read, schema: { tags, params: idParams, response: { 200: contactDetailSchema } } },
    async (request) => s.contacts.get(request.params.id),
  );
  app.post(
    '/contacts',
    {
      config: manage,
      schema: { tags, body: contactCreateSchema, response: { 201: contactDetailSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await s.contacts.create(request.body, auditContext(request))),
  );
  app.patch(
    '/contacts/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParams,
        body: contactUpdateSchema,
        response: { 200: contactDetailSchema },
      },
    },
    async (request) => s.contacts.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/contacts/:id',
    { config: manage, schema: { tags, params: idParams, querystring: deleteQuery, response: ok } },
    async (request) => {
      const suppress = request.query.suppress === 'true';
      await s.contacts.remove(request.params.id, { suppress }, auditContext(request));
      return { ok: true as const };
    },
  );
  app.post(
    '/contacts/bulk',
    {
      config: manage,
      schema: { tags, body: contactBulkInputSchema, response: { 200: contactBulkResultSchema } },
    },
    async (request) => s.contacts.bulk(request.body, auditContext(request)),
  );

  app.get(
    '/tags',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ tags: z.array(tagWithCountSchema) }) } },
    },
    async () => ({ tags: await s.tags.list() }),
  );
  app.post(
    '/tags',
    { config: manage, schema: { tags, body: tagInputSchema, response: { 201: tagSchema } } },
    async (request, reply) =>
      reply.code(201).send(await s.tags.create(request.body, auditContext(request))),
  );
  app.patch(
    '/tags/:id',
    {
      config: manage,
      schema: { tags, params: idParams, body: tagInputSchema, response: { 200: tagSchema } },
    },
    async (request) => s.tags.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/tags/:id',
    { config: manage, schema: { tags, params: idParams, response: ok } },
    async (request) => {
      await s.tags.remove(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/segments',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ segments: z.array(segmentSchema) }) } },
    },
    async () => ({ segments: await s.segments.list() }),
  );
  app.post(
    '/segments/preview',
    {
      config: read,
      schema: { tags, body: segmentPreviewInputSchema, response: { 200: segmentPreviewSchema } },
    },
    async (request) => ({ size: await s.segments.preview(request.body.filter) }),
  );
  app.get(
    '/segments/:id',
    { config: read, schema: { tags, params: idParams, response: { 200: segmentSchema } } },
    async (request) => s.segments.get(request.params.id),
  );
  app.post(
    '/segments',
    {
      config: manage,
      schema: { tags, body: segmentInputSchema, response: { 201: segmentSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await s.segments.create(request.body, auditContext(request))),
  );
  app.put(
    '/segments/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParams,
        body: segmentInputSchema,
        response: { 200: segmentSchema },
      },
    },
    async (request) => s.segments.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/segments/:id',
    { config: manage, schema: { tags, params: idParams, response: ok } },
    async (request) => {
      await s.segments.remove(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );
}
