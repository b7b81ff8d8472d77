import { z } from 'zod';
import {
  cannedReplyBodySchema,
  cannedReplyListSchema,
  cannedReplyParamsSchema,
  cannedReplySchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { CannedRepliesService } from './canned-replies.service';

const tags = ['Inbox'];

/** Canned replies: read by whoever reads the inbox, managed by admins (`settings.manage`). */
export function cannedReplyRoutes(app: ZodApp, canned: CannedRepliesService): void {
  app.get(
    '/canned-replies',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        description:
          'Every canned reply, by shortcut; placeholders such as {{contact.name}} unfilled.',
        response: { 200: cannedReplyListSchema },
      },
    },
    async () => ({ cannedReplies: await canned.list() }),
  );
  app.post(
    '/canned-replies',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        description: 'Adds a canned reply; 409 `shortcut_taken` when the shortcut is used.',
        body: cannedReplyBodySchema,
        response: { 201: cannedReplySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await canned.create(request.body, auditContext(request))),
  );
  app.put(
    '/canned-replies/:id',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        description: 'Changes a canned reply’s shortcut and text.',
        params: cannedReplyParamsSchema,
        body: cannedReplyBodySchema,
        response: { 200: cannedReplySchema },
      },
    },
    async (request) => canned.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/canned-replies/:id',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        description: 'Deletes a canned reply.',
        params: cannedReplyParamsSchema,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await canned.remove(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );
}
