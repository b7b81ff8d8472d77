import { z } from 'zod';
import { messageSchema } from './conversations';
import { templateMappingSchema } from './templates';

/**
 * The shared inbox (issue 16): the conversation list, a thread, the team's actions and the
 * replies. Times are epoch milliseconds.
 */

export const conversationStates = ['open', 'closed', 'snoozed'] as const;
export const conversationStateSchema = z.enum(conversationStates);
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** A label: short free text, compared exactly. */
export const conversationLabelSchema = z.string().trim().min(1).max(40);

/** `GET /api/v1/conversations`. */
export const conversationListQuerySchema = z.object({
  /** `mine`: assigned to the caller; `unassigned`; `all` (the default). */
  assigned: z.enum(['mine', 'unassigned', 'all']).default('all'),
  state: conversationStateSchema.optional(),
  label: conversationLabelSchema.optional(),
  phoneNumberId: z.string().min(1).max(64).optional(),
  /** Part of the contact's name, number or username, or of a message's text. */
  q: z.string().trim().min(1).max(100).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

/** A conversation as the list and the thread header show it. */
export const conversationSummarySchema = z.object({
  id: z.string(),
  phoneNumberId: z.string(),
  accountId: z.string().nullable(),
  contact: z.object({
    id: z.string(),
    name: z.string().nullable(),
    profileName: z.string().nullable(),
    phoneE164: z.string().nullable(),
    username: z.string().nullable(),
  }),
  lastMessageAt: z.number(),
  lastMessage: z
    .object({
      direction: z.enum(['in', 'out']),
      kind: z.enum(['message', 'note']),
      type: z.string(),
      text: z.string().nullable(),
      status: z.string(),
    })
    .nullable(),
  unreadCount: z.number().int(),
  state: conversationStateSchema,
  snoozedUntil: z.number().nullable(),
  assignedUserId: z.string().nullable(),
  labels: z.array(z.string()),
  /** The 24-hour customer service window at the server's clock. */
  window: z.object({ open: z.boolean(), expiresAt: z.number().nullable() }),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationListSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ConversationList = z.infer<typeof conversationListSchema>;

/** A message of a thread: the stored message with what the inbox shows around it. */
export const inboxMessageSchema = messageSchema.extend({
  kind: z.enum(['message', 'note']),
  /** The user who wrote a note or sent the reply from the inbox. */
  authorUserId: z.string().nullable(),
  clientId: z.string().nullable(),
  /** Sent by a campaign (or null). */
  campaignId: z.string().nullable(),
  /** The message this one answers, when it is stored. */
  replyTo: z
    .object({
      id: z.string(),
      direction: z.enum(['in', 'out']),
      type: z.string(),
      text: z.string().nullable(),
    })
    .nullable(),
  /** The current reaction of each side (a removed reaction is absent). */
  reactions: z.array(z.object({ direction: z.enum(['in', 'out']), emoji: z.string() })),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  /** Shared contact cards: a name and the numbers on each. */
  contacts: z.array(z.object({ name: z.string(), phones: z.array(z.string()) })),
  filename: z.string().nullable(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

/** `GET /api/v1/conversations/:id/messages`: newest last; `before` pages back in time. */
export const threadQuerySchema = z.object({
  before: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const threadSchema = z.object({
  conversation: conversationSummarySchema,
  messages: z.array(inboxMessageSchema),
  /** Pass as `before` for older messages; null at the start of the conversation. */
  olderCursor: z.string().nullable(),
});
export type Thread = z.infer<typeof threadSchema>;

export const conversationIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const conversationMessageParamsSchema = z.object({
  id: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
});

/** `PUT /conversations/:id/assignee`: a user id, or null to unassign. */
export const assignBodySchema = z.object({ userId: z.string().min(1).max(64).nullable() });
export const stateBodySchema = z.object({
  state: z.enum(['open', 'closed']),
});
export const snoozeBodySchema = z.object({ until: z.number().int().positive() });
export const labelBodySchema = z.object({ label: conversationLabelSchema });
export const labelParamsSchema = z.object({
  id: z.string().min(1).max(64),
  label: conversationLabelSchema,
});
export const noteBodySchema = z.object({ text: z.string().trim().min(1).max(4096) });

/** A client-generated id: the same id twice sends once (a double click, a retried request). */
const clientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[\w-]+$/);

/** `POST /conversations/:id/replies`: free text inside the 24 h window. */
export const textReplyBodySchema = z.object({
  clientId: clientIdSchema,
  text: z.string().min(1).max(4096),
  /** Our id of the message answered (shown quoted on the customer's phone). */
  replyToMessageId: z.string().min(1).max(64).optional(),
});
export type TextReplyBody = z.infer<typeof textReplyBodySchema>;

/** `POST /conversations/:id/template-replies`: an approved template, at any time. */
export const templateReplyBodySchema = z.object({
  clientId: clientIdSchema,
  templateId: z.string().min(1).max(64),
  mapping: templateMappingSchema.default({}),
  /**
   * The text parameters as the agent typed them, by slot key (`body.1`, `header.1`,
   * `body.first_name`): every text parameter of the header and body, none empty, no others.
   */
  parameters: z.record(z.string().max(120), z.string().max(1024)).optional(),
});
export type TemplateReplyBody = z.infer<typeof templateReplyBodySchema>;

/**
 * `POST /conversations/:id/messages/:messageId/reactions`: the agent's reaction to a message
 * (Meta's `reaction` type); an empty emoji removes it.
 */
export const reactionBodySchema = z.object({
  clientId: clientIdSchema,
  emoji: z
    .string()
    .max(16)
    .meta({ examples: ['👍'] }),
});
export type ReactionBody = z.infer<typeof reactionBodySchema>;

export const messageResultSchema = z.object({ message: inboxMessageSchema });
