import { z } from 'zod';

/** Delivery state of a message: `received` for inbound, `pending` until Meta reports. */
export const messageStatusSchema = z.enum([
  'pending',
  'received',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
]);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** A message of a conversation as the inbox sees it. */
export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  wamid: z.string().nullable(),
  direction: z.enum(['in', 'out']),
  type: z.string(),
  text: z.string().nullable(),
  status: messageStatusSchema,
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  readAt: z.number().nullable(),
  playedAt: z.number().nullable(),
  failedAt: z.number().nullable(),
  error: z
    .object({
      code: z.number(),
      title: z.string(),
      message: z.string().nullable(),
      details: z.string().nullable(),
    })
    .nullable(),
  media: z
    .object({
      status: z.string(),
      mimeType: z.string().nullable(),
      size: z.number().nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.number(),
});
export type Message = z.infer<typeof messageSchema>;

/** Path parameters of `GET /api/v1/media/:messageId`. */
export const mediaParamsSchema = z.object({ messageId: z.string().min(1).max(100) });
