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

/** What a failed send means for the next attempt (the server's failure catalogue). */
export const failureKindSchema = z.enum([
  'invalid_recipient',
  'opted_out',
  'retry_after',
  'pause_sender',
  'window_closed',
  'fix_message',
  'permanent',
  'unknown',
]);
export type FailureKind = z.infer<typeof failureKindSchema>;

/** An inbound order: the catalog, each product and, when computable, the total. */
export const orderSchema = z.object({
  catalogId: z.string(),
  items: z.array(
    z.object({
      productRetailerId: z.string().nullable(),
      quantity: z.number().nullable(),
      itemPrice: z.number().nullable(),
      currency: z.string().nullable(),
    }),
  ),
  total: z.object({ amount: z.number(), currency: z.string() }).nullable(),
});
export type Order = z.infer<typeof orderSchema>;

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
      /** What to do about it, in plain language (`retry_after`: not before `retryAfterAt`). */
      kind: failureKindSchema,
      retryAfterAt: z.number().nullable(),
      explanation: z.string(),
      action: z.string(),
    })
    .nullable(),
  /** An order's catalog, items and total; the customer's note is `text`. */
  order: orderSchema.nullable(),
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
