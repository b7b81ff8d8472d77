import { z } from 'zod';

const dimensionFilter = {
  accountId: z.string().max(200).optional(),
  phoneNumberId: z.string().max(200).optional(),
  templateName: z.string().max(512).optional(),
  campaignId: z.string().max(200).optional(),
  /** Pricing category, lower case (marketing, utility, authentication, service). */
  category: z.string().max(64).optional(),
  /** ISO 3166 alpha-2 of the contact's number. */
  country: z.string().max(8).optional(),
};

/** A report's period and filters: `from` inclusive, `to` exclusive (epoch ms). */
export const analyticsQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0),
    to: z.coerce.number().int().min(1),
    /** Width of a point of the series. */
    step: z.enum(['hour', 'day']).default('day'),
    ...dimensionFilter,
  })
  .refine((q) => q.to > q.from && q.to - q.from <= 400 * 86_400_000, {
    message: 'to must follow from, at most 400 days later',
    path: ['to'],
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

export const analyticsCountersSchema = z.object({
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  replied: z.number().int(),
  inbound: z.number().int(),
  conversationsOpened: z.number().int(),
  /** Sent messages Meta did not charge (service window, free entry point). */
  free: z.number().int(),
  /** Estimated cost in millionths of the rate card's currency. */
  costMicros: z.number().int(),
});
export type AnalyticsCounters = z.infer<typeof analyticsCountersSchema>;

const keyed = analyticsCountersSchema.extend({ key: z.string() });

/** Everything the dashboard and the reports page draw, read from the rollups only. */
export const analyticsSummarySchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  step: z.enum(['hour', 'day']),
  totals: analyticsCountersSchema,
  /** The period of the same length just before, for comparisons. */
  previous: analyticsCountersSchema,
  /** One point per step from `from`, with zeros where nothing happened. */
  series: z.array(analyticsCountersSchema.extend({ start: z.number().int() })),
  failures: z.array(z.object({ code: z.number().int(), count: z.number().int() })),
  byTemplate: z.array(keyed),
  byCampaign: z.array(keyed),
  byCategory: z.array(keyed),
  byCountry: z.array(keyed),
  byNumber: z.array(keyed),
  /** ISO 4217 currency of `costMicros` (the rate card's). */
  currency: z.string(),
  /**
   * The change time (epoch ms) of the last message the rollups read, null before the first
   * run; it stands still while nothing changes. Show `watermark` for how fresh figures are.
   */
  foldedAt: z.number().int().nullable(),
  /**
   * The rollups' watermark (epoch ms): every message change made at or before it is in these
   * figures. It advances on every rollup run, even when nothing changed; null before the
   * first run.
   */
  watermark: z.number().int().nullable(),
});
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;

/** Filters of the messages log (Logs → Messages), shared by its pages and its CSV export. */
export const messageLogFilterSchema = z.object({
  direction: z.enum(['in', 'out']).optional(),
  status: z
    .enum(['pending', 'received', 'sent', 'delivered', 'read', 'played', 'failed'])
    .optional(),
  phoneNumberId: z.string().max(200).optional(),
  campaignId: z.string().max(200).optional(),
  templateName: z.string().max(512).optional(),
  /** One contact (its id). */
  contactId: z.string().max(200).optional(),
  /** Part of the contact's number or name. */
  contact: z.string().max(200).optional(),
  errorCode: z.coerce.number().int().optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  /** Text of the message, or part of the contact's number or wamid. */
  q: z.string().max(200).optional(),
});
export type MessageLogFilter = z.infer<typeof messageLogFilterSchema>;

/** A page of the messages log: the filters and a cursor. */
export const messageLogQuerySchema = messageLogFilterSchema.extend({
  cursor: z
    .string()
    .regex(/^\d+\.[A-Za-z0-9-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MessageLogQuery = z.infer<typeof messageLogQuerySchema>;

export const messageLogEntrySchema = z.object({
  id: z.string(),
  createdAt: z.number().int(),
  direction: z.enum(['in', 'out']),
  type: z.string(),
  status: z.string(),
  phoneNumberId: z.string(),
  contactId: z.string(),
  contactPhone: z.string().nullable(),
  contactName: z.string().nullable(),
  text: z.string().nullable(),
  templateName: z.string().nullable(),
  campaignId: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  wamid: z.string().nullable(),
});
export type MessageLogEntry = z.infer<typeof messageLogEntrySchema>;

export const messageLogPageSchema = z.object({
  messages: z.array(messageLogEntrySchema),
  nextCursor: z.string().nullable(),
});
export type MessageLogPage = z.infer<typeof messageLogPageSchema>;

export const messageLogDetailSchema = messageLogEntrySchema.extend({
  conversationId: z.string(),
  /** The steps reached, oldest first (from the status webhooks' times). */
  history: z.array(z.object({ status: z.string(), at: z.number().int() })),
  errorTitle: z.string().nullable(),
  errorMessage: z.string().nullable(),
  errorDetails: z.string().nullable(),
  pricingCategory: z.string().nullable(),
  pricingType: z.string().nullable(),
  pricingBillable: z.boolean().nullable(),
  /** The message object as Meta sent it (inbound) or as we sent it (outbound). */
  payload: z.unknown(),
});
export type MessageLogDetail = z.infer<typeof messageLogDetailSchema>;
