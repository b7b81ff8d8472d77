/**
 * Zod schemas of the Cloud API payloads the client sends and reads, from Meta's OpenAPI
 * (shared/cloud-api/business-messaging-api_v23.0.yaml) and NOTES.md §1, §4, §5, §9.
 * Response objects are loose: Meta adds fields without notice, and a new field must never
 * turn a successful send into an error. To be reconciled with packages/contracts/src/cloud-api/.
 */
import { z } from 'zod';

/** Meta sends some counts as strings (`file_size: "303833"`). */
const numberish = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

// ---------------------------------------------------------------- send message (request)

const mediaObject = z
  .looseObject({
    id: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().optional(),
  })
  // Meta: exactly one of `id` (uploaded media) or `link` (public URL).
  .refine((m) => (m.id === undefined) !== (m.link === undefined), {
    message: 'media needs exactly one of id or link',
  });

const messageBase = {
  messaging_product: z.literal('whatsapp').default('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  /** Phone number in any formatting; Meta answers with the canonical `wa_id`. */
  to: z.string().min(1).optional(),
  /** 2026 business-scoped user id, used when `to` is absent. */
  recipient: z.string().min(1).optional(),
  context: z.object({ message_id: z.string().min(1) }).optional(),
  /** Echoed in every status webhook; Meta's maximum is 512 characters (D14). */
  biz_opaque_callback_data: z.string().max(512).optional(),
  recipient_identity_key_hash: z.string().optional(),
};

const templateComponent = z.looseObject({
  type: z.string().min(1),
  sub_type: z.string().optional(),
  index: z.union([z.string(), z.number()]).optional(),
  parameters: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
});

/** Body of `POST /{phone-number-id}/messages` for every message type. */
export const sendMessageBodySchema = z
  .discriminatedUnion('type', [
    z.object({
      ...messageBase,
      type: z.literal('text'),
      text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
    }),
    z.object({ ...messageBase, type: z.literal('image'), image: mediaObject }),
    z.object({ ...messageBase, type: z.literal('video'), video: mediaObject }),
    z.object({ ...messageBase, type: z.literal('audio'), audio: mediaObject }),
    z.object({ ...messageBase, type: z.literal('document'), document: mediaObject }),
    z.object({ ...messageBase, type: z.literal('sticker'), sticker: mediaObject }),
    z.object({
      ...messageBase,
      type: z.literal('location'),
      // The OpenAPI schema says string, its examples use numbers: accept both.
      location: z.looseObject({
        latitude: z.union([z.number(), z.string()]),
        longitude: z.union([z.number(), z.string()]),
        name: z.string().optional(),
        address: z.string().optional(),
      }),
    }),
    z.object({
      ...messageBase,
      type: z.literal('contacts'),
      contacts: z.array(z.looseObject({ name: z.looseObject({}) })).min(1),
    }),
    z.object({
      ...messageBase,
      type: z.literal('interactive'),
      interactive: z.looseObject({
        type: z.string().min(1),
        action: z.looseObject({}).optional(),
      }),
    }),
    z.object({
      ...messageBase,
      type: z.literal('template'),
      template: z.looseObject({
        name: z.string().min(1),
        language: z.looseObject({ code: z.string().min(1), policy: z.string().optional() }),
        components: z.array(templateComponent).optional(),
      }),
    }),
    z.object({
      ...messageBase,
      type: z.literal('reaction'),
      // An empty emoji removes a reaction.
      reaction: z.object({ message_id: z.string().min(1), emoji: z.string() }),
    }),
  ])
  .refine((m) => m.to !== undefined || m.recipient !== undefined, {
    message: 'a message needs `to` or `recipient`',
    path: ['to'],
  });
export type SendMessageBody = z.input<typeof sendMessageBodySchema>;
export type SendMessageType = SendMessageBody['type'];

/** Answer to a send: HTTP 200 means "accepted"; delivery arrives later by webhook. */
export const sendMessageResponseSchema = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  contacts: z
    .array(
      z.looseObject({
        input: z.string(),
        wa_id: z.string().optional(),
        user_id: z.string().optional(),
      }),
    )
    .default([]),
  messages: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        message_status: z.string().optional(),
      }),
    )
    .min(1),
});
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

export const successResponseSchema = z.looseObject({ success: z.boolean() });
export type SuccessResponse = z.infer<typeof successResponseSchema>;

// ---------------------------------------------------------------- paging

export const cursorPagingSchema = z.looseObject({
  cursors: z
    .looseObject({ before: z.string().optional(), after: z.string().optional() })
    .optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

/** A page of a Graph API edge (`data` plus optional cursor `paging`). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    paging: cursorPagingSchema.optional(),
    summary: z.looseObject({}).optional(),
  });
}

// ---------------------------------------------------------------- templates

export const messageTemplateSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  language: z.string().optional(),
  status: z.string().optional(),
  category: z.string().optional(),
  parameter_format: z.string().optional(),
  components: z.array(z.looseObject({ type: z.string() })).optional(),
  rejected_reason: z.string().optional(),
  quality_score: z.looseObject({}).optional(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

export const templatePageSchema = pageSchema(messageTemplateSchema);
export type TemplatePage = z.infer<typeof templatePageSchema>;

/** Body of `POST /{waba-id}/message_templates` (components use upper-case types here). */
export const createTemplateBodySchema = z.looseObject({
  name: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and underscores only'),
  language: z.string().min(2),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  parameter_format: z.enum(['POSITIONAL', 'NAMED']).optional(),
  allow_category_change: z.boolean().optional(),
  components: z.array(z.looseObject({ type: z.string().min(1) })).min(1),
});
export type CreateTemplateBody = z.input<typeof createTemplateBodySchema>;

export const createTemplateResponseSchema = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  category: z.string().optional(),
});
export type CreateTemplateResponse = z.infer<typeof createTemplateResponseSchema>;

// ---------------------------------------------------------------- account, numbers

export const wabaSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  currency: z.string().optional(),
  timezone_id: z.string().optional(),
  message_template_namespace: z.string().optional(),
  account_review_status: z.string().optional(),
});
export type Waba = z.infer<typeof wabaSchema>;

/** A business phone number; with `fields=` Meta returns only what was asked (plus `id`). */
export const phoneNumberSchema = z.looseObject({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  status: z.string().optional(),
  quality_rating: z.string().optional(),
  code_verification_status: z.string().optional(),
  name_status: z.string().optional(),
  platform_type: z.string().optional(),
  throughput: z.looseObject({ level: z.string().optional() }).optional(),
  messaging_limit_tier: z.string().optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const phoneNumberPageSchema = pageSchema(phoneNumberSchema);
export type PhoneNumberPage = z.infer<typeof phoneNumberPageSchema>;

// ---------------------------------------------------------------- media

export const mediaUploadResponseSchema = z.looseObject({ id: z.string().min(1) });

/** `GET /{media-id}`: a short-lived (5 min) URL that itself needs the Bearer token. */
export const mediaUrlResponseSchema = z.looseObject({
  id: z.string(),
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: numberish.optional(),
  messaging_product: z.string().optional(),
});
export type MediaUrl = z.infer<typeof mediaUrlResponseSchema>;
