import { z } from 'zod';
import {
  assignBodySchema,
  conversationIdParamsSchema,
  conversationListQuerySchema,
  conversationListSchema,
  conversationMessageParamsSchema,
  inboxSettingsSchema,
  labelBodySchema,
  mediaReplyFieldsSchema,
  OUTBOUND_MEDIA_MAX_BYTES,
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
  typingBodySchema,
  typingResultSchema,
} from '@kiana/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodApp } from '../../http/types';
import { auditContext, principalOf } from '../../http/principal';
import { ValidationError } from '../../errors';
import { readSingleFileForm, registerSingleFileForm } from '../../http/multipart';
import type { InboxActor, InboxService } from './inbox.service';
import type { ReadReceipts } from './inbox.receipts';
import type { TypingNotices } from './inbox.typing';

const tags = ['Inbox'];
const done = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

function actor(request: FastifyRequest): InboxActor {
  const p = principalOf(request);
  return { ...auditContext(request), userId: p.kind === 'user' ? p.id : null };
}

/** The shared inbox: reading for `conversations.read`, team work and replies for `.reply`. */
export function inboxRoutes(
  app: ZodApp,
  inbox: InboxService,
  receipts: ReadReceipts,
  typing: TypingNotices,
): void {
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
        description:
          "The customer's messages are seen: the unread count goes to 0 and, when read receipts are on (`/inbox/settings`), the customer's last message is marked read on WhatsApp.",
        params: conversationIdParamsSchema,
        response: { 200: done },
      },
    },
    async (request) => {
      await inbox.markRead(request.params.id);
      await receipts.seen(request.params.id);
      return ok;
    },
  );
  app.post(
    '/conversations/:id/typing',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description:
          'An agent is typing (`isTyping`, the default) or stopped. The team sees it live (`conversations.typing`, the collision warning; never stored). When read receipts are on and the window is open, the customer sees the typing indicator (sent at most once per 20 s per conversation; `sent` says whether this call sent it).',
        params: conversationIdParamsSchema,
        // No body at all (the original call) means typing; Fastify hands that over as null.
        body: typingBodySchema.nullish(),
        response: { 200: typingResultSchema },
      },
    },
    async (request) => {
      const isTyping = request.body?.isTyping ?? true;
      const { userId } = actor(request);
      if (userId !== null) await typing.notify(request.params.id, userId, isTyping);
      return { sent: isTyping && (await receipts.typing(request.params.id)) };
    },
  );
  app.get(
    '/inbox/settings',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        description:
          'How the inbox behaves towards customers (read receipts and typing indicator).',
        response: { 200: inboxSettingsSchema },
      },
    },
    async () => receipts.get(),
  );
  app.put(
    '/inbox/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        description:
          'Turns read receipts and the typing indicator on or off (off by default; on in demo mode). Audited.',
        body: inboxSettingsSchema,
        response: { 200: inboxSettingsSchema },
      },
    },
    async (request) => receipts.update(request.body, actor(request)),
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
  mediaReplyRoute(app, inbox);
}

/**
 * `POST /conversations/:id/media-replies`: multipart with `clientId`, optional `caption` and
 * `replyToMessageId`, and one `file`. Multipart is registered in this scope only.
 */
function mediaReplyRoute(app: ZodApp, inbox: InboxService): void {
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await registerSingleFileForm(scope, {
      maxBytes: OUTBOUND_MEDIA_MAX_BYTES,
      fields: 4,
      fieldSize: 4096,
    });
    scope.post(
      '/conversations/:id/media-replies',
      {
        config: { access: 'conversations.reply' },
        bodyLimit: OUTBOUND_MEDIA_MAX_BYTES + 64 * 1024,
        schema: {
          tags,
          description:
            'An attachment while the 24-hour window is open: multipart with `clientId`, an optional `caption` and `replyToMessageId`, and one `file` (JPEG/PNG ≤ 5 MB, MP4/3GPP ≤ 16 MB, AAC/AMR/MP3/M4A/OGG ≤ 16 MB, WebP sticker ≤ 500 KB, PDF/text/Office ≤ 100 MB; 415 or 413 otherwise, naming the file and the limit). Kept in our media store, uploaded to Meta and sent through the Sender; the same `clientId` sends once.',
          params: conversationIdParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 201: messageResultSchema },
        },
      },
      async (request, reply) => {
        const { fields, file } = await readSingleFileForm(request, {
          notMultipart: 'Send the attachment as multipart/form-data with clientId and file',
          tooLarge: `The file is larger than ${OUTBOUND_MEDIA_MAX_BYTES / (1024 * 1024)} MB, the most WhatsApp takes`,
        });
        const parsed = mediaReplyFieldsSchema.safeParse(fields);
        if (!parsed.success) throw new ValidationError('Invalid fields', parsed.error.issues);
        if (file === undefined) throw new ValidationError('file is required');
        const message = await inbox.replyMedia(
          request.params.id,
          parsed.data,
          file,
          actor(request),
        );
        return reply.code(201).send({ message });
      },
    );
  });
}
