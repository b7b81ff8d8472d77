import { z } from 'zod';
import { webhookErrorSchema } from './error.schema';

// Webhook payloads (NOTES §3). Loose objects: Meta adds fields without a version bump.

export const webhookMetadataSchema = z.object({
  display_phone_number: z.string(),
  phone_number_id: z.string(),
});

export const pricingSchema = z.looseObject({
  billable: z.boolean().optional(),
  pricing_model: z.string(),
  type: z.string().optional(),
  category: z.string(),
});

export const conversationSchema = z.looseObject({
  id: z.string(),
  expiration_timestamp: z.string().optional(),
  origin: z.looseObject({ type: z.string() }),
});

/** One element of `value.statuses[]`; `timestamp` is a string of unix seconds. */
export const webhookStatusSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'played', 'failed']),
  timestamp: z.string(),
  /** Omitted when the message went to a BSUID and Meta withholds the phone number (2026). */
  recipient_id: z.string().optional(),
  /** The recipient's business-scoped user id (BSUID, 2026); absent on a failed phone send. */
  recipient_user_id: z.string().optional(),
  recipient_parent_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: conversationSchema.optional(),
  pricing: pricingSchema.optional(),
  errors: z.array(webhookErrorSchema).optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

const mediaPayload = z.looseObject({
  id: z.string(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

/**
 * One inbound message (`value.messages[]`), every type of NOTES §3.6. Since 2026 `from` may be
 * missing (a username-only customer whose number Meta withholds); `from_user_id` carries the
 * business-scoped user id (Meta, "Business-scoped user IDs").
 */
export const webhookInboundMessageSchema = z.looseObject({
  /** The sender's phone (wa_id); omitted for a username user whose number Meta withholds (2026). */
  from: z.string().optional(),
  /** The sender's business-scoped user id (BSUID), present since 2026. */
  from_user_id: z.string().optional(),
  from_parent_user_id: z.string().optional(),
  id: z.string(),
  timestamp: z.string(),
  type: z.enum([
    'text',
    'image',
    'video',
    'audio',
    'document',
    'sticker',
    'location',
    'contacts',
    'interactive',
    'button',
    'reaction',
    'order',
    'system',
    'unsupported',
    'request_welcome',
  ]),
  context: z
    .looseObject({
      from: z.string().optional(),
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z
        .looseObject({ catalog_id: z.string(), product_retailer_id: z.string() })
        .optional(),
    })
    .optional(),
  referral: z.looseObject({ source_type: z.string() }).optional(),
  errors: z.array(webhookErrorSchema).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaPayload.optional(),
  video: mediaPayload.optional(),
  audio: mediaPayload.optional(),
  document: mediaPayload.optional(),
  sticker: mediaPayload.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  contacts: z
    .array(z.looseObject({ name: z.looseObject({ formatted_name: z.string() }) }))
    .optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string(), text: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  order: z
    .looseObject({
      catalog_id: z.string(),
      /** The customer's note with the order. */
      text: z.string().optional(),
      product_items: z.array(
        z.looseObject({
          product_retailer_id: z.string().optional(),
          quantity: z.union([z.number(), z.string()]).optional(),
          item_price: z.union([z.number(), z.string()]).optional(),
          currency: z.string().optional(),
        }),
      ),
    })
    .optional(),
  system: z
    .looseObject({ body: z.string(), type: z.string(), wa_id: z.string().optional() })
    .optional(),
});
export type WebhookInboundMessage = z.infer<typeof webhookInboundMessageSchema>;

/**
 * `value.contacts[]`. Since 2026 `user_id` (BSUID) is always present, `profile.username` when
 * the user adopted one, and `wa_id` only when Meta shares the phone number (Meta's
 * business-scoped user IDs page; NOTES §8).
 */
export const webhookContactSchema = z.looseObject({
  profile: z.looseObject({ name: z.string(), username: z.string().optional() }),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
});
export type WebhookContact = z.infer<typeof webhookContactSchema>;

/** One `user_preferences[]` element; `wa_id` may be withheld for a username user (2026). */
export const userPreferenceSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  detail: z.string(),
  category: z.string(),
  value: z.enum(['stop', 'resume', 'signup']),
  timestamp: z.number().int(),
});

/** `value` of a `messages` (or `user_preferences`) change. */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: webhookMetadataSchema,
  contacts: z.array(webhookContactSchema).optional(),
  messages: z.array(webhookInboundMessageSchema).optional(),
  statuses: z.array(webhookStatusSchema).optional(),
  errors: z.array(webhookErrorSchema).optional(),
  user_preferences: z.array(userPreferenceSchema).optional(),
});
export type MessagesValue = z.infer<typeof messagesValueSchema>;

/** `value` of a `message_template_status_update` change; the template id is a number here. */
export const templateStatusUpdateValueSchema = z.looseObject({
  event: z.string(),
  message_template_id: z.number(),
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullable(),
  message_template_category: z.string().optional(),
  rejection_info: z.looseObject({ reason: z.string(), recommendation: z.string() }).optional(),
  /** PAUSED (FIRST_PAUSE, SECOND_PAUSE), unpause (UNPAUSE), DISABLED, LOCKED/UNLOCKED. */
  other_info: z.looseObject({ title: z.string(), description: z.string() }).optional(),
  /** DISABLED: a unix timestamp in Meta's reference. */
  disable_info: z.looseObject({ disable_date: z.union([z.number(), z.string()]) }).optional(),
});
export type TemplateStatusUpdateValue = z.infer<typeof templateStatusUpdateValueSchema>;

/** `value` of a `phone_number_quality_update` change. */
export const phoneNumberQualityUpdateValueSchema = z.looseObject({
  display_phone_number: z.string(),
  event: z.string(),
  current_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
});

/** `value` of a `message_template_quality_update` change (scores GREEN/YELLOW/RED/UNKNOWN). */
export const templateQualityUpdateValueSchema = z.looseObject({
  previous_quality_score: z.string(),
  new_quality_score: z.string(),
  message_template_id: z.number(),
  message_template_name: z.string(),
  message_template_language: z.string(),
});

/**
 * `value` of a `template_category_update` change: a done recategorisation carries
 * `previous_category`; one announced 24 h ahead carries `correct_category` and
 * `category_update_timestamp` (`new_category` is then still the current category).
 */
export const templateCategoryUpdateValueSchema = z.looseObject({
  message_template_id: z.number(),
  message_template_name: z.string(),
  message_template_language: z.string(),
  new_category: z.string(),
  previous_category: z.string().optional(),
  correct_category: z.string().optional(),
  category_update_timestamp: z.number().optional(),
});

/** `value` of a `business_capability_update` change (portfolio messaging limit). */
export const businessCapabilityUpdateValueSchema = z.looseObject({
  max_daily_conversations_per_business: z.string().optional(),
  /** Deprecated count (-1 = unlimited). */
  max_daily_conversation_per_phone: z.number().optional(),
  max_phone_numbers_per_business: z.number().optional(),
  max_phone_numbers_per_waba: z.number().optional(),
});

/** `value` of an `account_update` change: the event plus its per-event details. */
export const accountUpdateValueSchema = z.looseObject({
  event: z.string(),
  phone_number: z.string().optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.number().optional() }))
    .optional(),
  violation_info: z.looseObject({ violation_type: z.string() }).optional(),
  ban_info: z.looseObject({ waba_ban_state: z.string(), waba_ban_date: z.string() }).optional(),
});

/** `value` of a `phone_number_name_update` change (display-name review). */
export const phoneNumberNameUpdateValueSchema = z.looseObject({
  display_phone_number: z.string(),
  decision: z.string(),
  requested_verified_name: z.string(),
  rejection_reason: z.string().nullable(),
});

export const webhookChangeSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('messages'), value: messagesValueSchema }),
  z.object({ field: z.literal('user_preferences'), value: messagesValueSchema }),
  z.object({
    field: z.literal('message_template_status_update'),
    value: templateStatusUpdateValueSchema,
  }),
  z.object({
    field: z.literal('phone_number_quality_update'),
    value: phoneNumberQualityUpdateValueSchema,
  }),
]);
export type WebhookChange = z.infer<typeof webhookChangeSchema>;

/** Any change, including fields this panel does not handle (kept loose so intake never drops them). */
export const anyWebhookChangeSchema = z.object({ field: z.string(), value: z.unknown() });

/** The POST body Meta sends: `entry[].id` is the WABA id. */
export const webhookEnvelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().int().optional(),
      changes: z.array(anyWebhookChangeSchema),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
