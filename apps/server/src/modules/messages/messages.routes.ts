import { z } from 'zod';
import { apiMessageDetailSchema, apiMessageSchema, sendMessageBodySchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { MessagesService } from './messages.service';

const tags = ['Messages'];

/**
 * Transactional sends: an API key with the `send` scope (or an agent) sends one message;
 * `read` follows it. Send with an `Idempotency-Key`: a retry never sends twice.
 */
export function messagesRoutes(app: ZodApp, service: MessagesService): void {
  app.post(
    '/messages',
    {
      // 502: Meta refused the send; 503: the number's Graph access is unavailable.
      config: { access: 'conversations.reply', errors: [502, 503] },
      schema: {
        tags,
        summary: 'Send a template, or free text or media inside the 24 h window, to one number',
        body: sendMessageBodySchema,
        response: { 201: apiMessageSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.send(request.body, auditContext(request))),
  );
  app.get(
    '/messages/:id',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'A sent message with its status history',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: apiMessageDetailSchema },
      },
    },
    async (request) => service.get(request.params.id),
  );
}
