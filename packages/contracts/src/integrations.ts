import { z } from 'zod';

/**
 * Outgoing webhooks: what an admin subscribes an endpoint to, and the body each delivery
 * carries. A receiver verifies `Kiana-Signature` (hex HMAC-SHA256 with the endpoint secret
 * over `${Kiana-Timestamp}.${raw body}`), refuses a timestamp more than 5 minutes from its
 * clock (replay window) and deduplicates on `id` (delivery is at least once).
 */
export const outgoingEventTypes = [
  'message.received',
  'message.status',
  'contact.opted_out',
  'contact.opted_in',
  'campaign.finished',
  'template.status',
  'number.quality',
  'endpoint.ping',
] as const;
export const outgoingEventTypeSchema = z.enum(outgoingEventTypes);
export type OutgoingEventType = z.infer<typeof outgoingEventTypeSchema>;

/** Header names of a signed delivery, and the replay window receivers should apply. */
export const outgoingSignatureHeaders = {
  signature: 'kiana-signature',
  timestamp: 'kiana-timestamp',
  eventId: 'kiana-event-id',
  eventType: 'kiana-event-type',
} as const;
export const outgoingReplayWindowMs = 5 * 60_000;

/** The `data` of each event type. */
export const outgoingPayloadSchemas = {
  'message.received': z.object({
    messageId: z.string(),
    waId: z.string().nullable(),
    userId: z.string().nullable(),
    text: z.string().nullable(),
    at: z.number(),
  }),
  'message.status': z.object({
    waMessageId: z.string(),
    status: z.string(),
    recipientId: z.string().nullable(),
    at: z.number(),
  }),
  'contact.opted_out': z.object({ contactId: z.string(), source: z.string(), at: z.number() }),
  'contact.opted_in': z.object({ contactId: z.string(), source: z.string(), at: z.number() }),
  // Written in the transaction that moves the campaign to `completed` (sent when the last
  // send is accepted, so later delivery receipts are not in these figures).
  'campaign.finished': z.object({
    campaignId: z.string(),
    name: z.string(),
    sent: z.number().int().describe('Recipients Meta accepted (now sent, delivered or read)'),
    delivered: z.number().int().describe('Recipients delivered or read so far'),
    read: z.number().int().describe('Recipients who read it so far'),
    failed: z.number().int().describe('Recipients whose send failed'),
    finishedAt: z.number().describe('Epoch milliseconds of the completion'),
  }),
  'template.status': z.object({
    templateName: z.string(),
    language: z.string().nullable(),
    status: z.string(),
    reason: z.string().nullable(),
  }),
  'number.quality': z.object({
    phoneNumber: z.string().nullable(),
    event: z.string(),
    currentLimit: z.string().nullable(),
  }),
  'endpoint.ping': z.object({ endpointId: z.string() }),
} satisfies Record<OutgoingEventType, z.ZodType>;

/** An event as emitted: type and data checked against its schema. */
export const outgoingEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message.received'),
    data: outgoingPayloadSchemas['message.received'],
  }),
  z.object({ type: z.literal('message.status'), data: outgoingPayloadSchemas['message.status'] }),
  z.object({
    type: z.literal('contact.opted_out'),
    data: outgoingPayloadSchemas['contact.opted_out'],
  }),
  z.object({
    type: z.literal('contact.opted_in'),
    data: outgoingPayloadSchemas['contact.opted_in'],
  }),
  z.object({
    type: z.literal('campaign.finished'),
    data: outgoingPayloadSchemas['campaign.finished'],
  }),
  z.object({ type: z.literal('template.status'), data: outgoingPayloadSchemas['template.status'] }),
  z.object({ type: z.literal('number.quality'), data: outgoingPayloadSchemas['number.quality'] }),
  z.object({ type: z.literal('endpoint.ping'), data: outgoingPayloadSchemas['endpoint.ping'] }),
]);
export type OutgoingEvent = z.infer<typeof outgoingEventSchema>;

/** The JSON body of a delivery (the exact bytes are signed). */
export const outgoingBodySchema = z.object({
  id: z.string(),
  type: outgoingEventTypeSchema,
  time: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const endpointStates = ['enabled', 'disabled', 'auto_disabled'] as const;

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(outgoingEventTypeSchema),
  state: z.enum(endpointStates),
  secret: z.object({ isSet: z.boolean(), hint: z.string().nullable() }),
  failingSince: z.number().nullable(),
  lastDeliveryAt: z.number().nullable(),
  lastDeliveryStatus: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** Create: the secret is generated when not given and returned once, in this answer only. */
export const webhookEndpointCreateSchema = z.object({
  url: z.url().max(2000),
  description: z.string().max(200).nullable().optional(),
  events: z.array(outgoingEventTypeSchema).min(1),
  secret: z.string().min(16).max(200).optional(),
});
export const webhookEndpointCreatedSchema = z.object({
  endpoint: webhookEndpointSchema,
  /** Shown once; afterwards only its hint. */
  secret: z.string(),
});

export const webhookEndpointUpdateSchema = z.object({
  url: z.url().max(2000).optional(),
  description: z.string().max(200).nullable().optional(),
  events: z.array(outgoingEventTypeSchema).min(1).optional(),
  enabled: z.boolean().optional(),
});

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;

export const deliveryAttemptSchema = z.object({
  id: z.string(),
  at: z.number(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
  latencyMs: z.number().int(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: outgoingEventTypeSchema,
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  createdAt: z.number(),
  lastAttemptAt: z.number().nullable(),
  attemptLog: z.array(deliveryAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });

/**
 * `GET/PUT /api/v1/integrations/settings`: private or loopback addresses endpoints may reach
 * (IP or CIDR; refused by the SSRF guard otherwise) and how long an endpoint may fail before
 * it is disabled.
 */
export const integrationsSettingsSchema = z.object({
  allowedPrivateAddresses: z
    .array(
      z
        .string()
        .max(64)
        .regex(/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/, 'an IP address or CIDR block'),
    )
    .max(50)
    .meta({ examples: [['127.0.0.1/32']] }),
  disableAfterHours: z.number().int().min(1).max(168),
});
export type IntegrationsSettings = z.infer<typeof integrationsSettingsSchema>;
