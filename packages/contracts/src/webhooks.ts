import { z } from 'zod';

/** How intake left a stored webhook event. */
export const webhookEventStatusSchema = z.enum(['pending', 'processed', 'failed', 'flagged']);
export type WebhookEventStatus = z.infer<typeof webhookEventStatusSchema>;

/** One row of the webhook log (Logs → Webhooks). */
export const webhookEventSummarySchema = z.object({
  id: z.string(),
  receivedAt: z.number(),
  accountId: z.string().nullable(),
  wabaId: z.string().nullable(),
  field: z.string(),
  /** Only verified bodies are stored; refused ones are counted in `stats`. */
  signature: z.literal('valid'),
  status: webhookEventStatusSchema,
  error: z.string().nullable(),
  itemCount: z.number().int(),
  attempts: z.number().int(),
  processedAt: z.number().nullable(),
});
export type WebhookEventSummary = z.infer<typeof webhookEventSummarySchema>;

/** One event with its raw body, for the JSON viewer. */
export const webhookEventDetailSchema = webhookEventSummarySchema.extend({
  raw: z.string(),
});
export type WebhookEventDetail = z.infer<typeof webhookEventDetailSchema>;

/** `GET /api/v1/webhooks/events` query: search by message id or phone number. */
export const webhookEventQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: webhookEventStatusSchema.optional(),
  field: z.string().trim().max(100).optional(),
  accountId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type WebhookEventQuery = z.infer<typeof webhookEventQuerySchema>;

export const webhookEventPageSchema = z.object({
  events: z.array(webhookEventSummarySchema),
  total: z.number().int(),
  signatureFailures: z.number().int(),
});
export type WebhookEventPage = z.infer<typeof webhookEventPageSchema>;

/** What the server-sent-events stream (`/api/v1/events/stream`) delivers in each `data:`. */
export const liveEventSchema = z.object({
  name: z.string(),
  payload: z.unknown(),
  at: z.number(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;
