import { z } from 'zod';
import {
  assignBodySchema,
  conversationIdParamsSchema,
  conversationListQuerySchema,
  conversationListSchema,
  conversationMessageParamsSchema,
  labelBodySchema,
  labelParamsSchema,
  messageResultSchema,
  noteBodySchema,
  reactionBodySchema,
  snoozeBodySchema,
  stateBodySchema,
  templateReplyBodySchema,
  textReplyBodySchema,
  threadQuerySchema,
  threadSchema,
} from '@kiana/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodApp } from '../../http/types';
import { auditContext, principalOf } from '../../http/principal';
import type { InboxActor, InboxService } from './inbox.service';

const tags = ['Inbox'];
const done = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

function actor(request: FastifyRequest): InboxActor {
  const p = principalOf(request);
  return { ...auditContext(request), userId: p.kind === 'user' ? p.id : null };
}

/** The shared inbox: reading for `conversations.read`, team work and replies for `.reply`. */
export function inboxRoutes(app: ZodApp, inbox: InboxService): void {
  app.get(
    '/conversations',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        description: 'Conversations, newest activity first, filtered and searched; cursor paged.',
        querystring: conversationListQuerySchema,
        response: { 200: conversationListSchema },
      },
    },
    async (request) => inbox.list(request.query, actor(request).userId),
  );
  app.get(
    '/conversations/:id/messages',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        description: 'A page of a thread, newest last; `before` pages back.',
        params: conversationIdParamsSchema,
        querystring: threadQuerySchema,
        response: { 200: threadSchema },
      },
    },
    async (request) => inbox.thread(request.params.id, request.query),
  );
  app.post(
    '/conversations/:id/read',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: "The customer's messages are seen: the unread count goes to 0.",
        params: conversationIdParamsSchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.markRead(request.params.id);
      return ok;
    },
  );
  app.put(
    '/conversations/:id/assignee',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Assigns the conversation to a user, or unassigns it (null).',
        params: conversationIdParamsSchema,
        body: assignBodySchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.assign(request.params.id, request.body.userId, actor(request));
      return ok;
    },
  );
  app.put(
    '/conversations/:id/state',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Closes or reopens the conversation.',
        params: conversationIdParamsSchema,
        body: stateBodySchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.setState(request.params.id, request.body.state, actor(request));
      return ok;
    },
  );
  app.post(
    '/conversations/:id/snooze',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Snoozes until a time; it reopens then, or when the customer writes.',
        params: conversationIdParamsSchema,
        body: snoozeBodySchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.snooze(request.params.id, request.body.until, actor(request));
      return ok;
    },
  );
  app.post(
    '/conversations/:id/labels',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Adds a label.',
        params: conversationIdParamsSchema,
        body: labelBodySchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.addLabel(request.params.id, request.body.label, actor(request));
      return ok;
    },
  );
  app.delete(
    '/conversations/:id/labels/:label',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Removes a label.',
        params: labelParamsSchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.removeLabel(request.params.id, request.params.label, actor(request));
      return ok;
    },
  );
  app.post(
    '/conversations/:id/notes',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'An internal note for the team; never sent to the customer.',
        params: conversationIdParamsSchema,
        body: noteBodySchema,
        response: { 201: messageResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        message: await inbox.addNote(request.params.id, request.body.text, actor(request)),
      }),
  );
  app.post(
    '/conversations/:id/replies',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description:
          'Free text while the 24-hour window is open (409 `window_closed` outside it), through the Sender. The same `clientId` sends once.',
        params: conversationIdParamsSchema,
        body: textReplyBodySchema,
        response: { 201: messageResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        message: await inbox.replyText(request.params.id, request.body, actor(request)),
      }),
  );
  app.post(
    '/conversations/:id/template-replies',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'An approved template with its parameters, at any time, through the Sender.',
        params: conversationIdParamsSchema,
        body: templateReplyBodySchema,
        response: { 201: messageResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        message: await inbox.replyTemplate(request.params.id, request.body, actor(request)),
      }),
  );
  app.post(
    '/conversations/:id/messages/:messageId/reactions',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description:
          "The agent's reaction to a message (Meta's `reaction` type, inside the 24-hour window); an empty emoji removes it.",
        params: conversationMessageParamsSchema,
        body: reactionBodySchema,
        response: { 201: messageResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        message: await inbox.react(
          request.params.id,
          request.params.messageId,
          request.body,
          actor(request),
        ),
      }),
  );
  app.post(
    '/conversations/:id/messages/:messageId/retry',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description: 'Sends a failed inbox reply again.',
        params: conversationMessageParamsSchema,
        response: { 200: messageResultSchema },
      },
    },
    async (request) => ({
      message: await inbox.retry(request.params.id, request.params.messageId),
    }),
  );
}
