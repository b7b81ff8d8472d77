/**
 * Zod schemas of the Cloud API payloads the client sends and reads, from Meta's OpenAPI
 * (shared/cloud-api/business-messaging-api_v23.0.yaml) and NOTES.md §1, §4, §5, §9.
 * Request bodies come from the shared contract (packages/contracts/src/cloud-api/). The
 * response schemas here are deliberately looser than the contract's: Meta adds fields,
 * statuses and enum values without notice, and an unfamiliar value must never turn an
 * accepted send into an error (a send we cannot read is an unknown outcome).
 */
import { z } from 'zod';
import type { createTemplateRequestSchema, sendMessageRequestSchema } from '@kiana/contracts';

/** Meta sends some counts as strings (`file_size: "303833"`). */
const numberish = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

// ---------------------------------------------------------------- send message (request)

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A send body as callers write it: the shared contract's shape (every message type), with
 * `messaging_product` optional because it is always `"whatsapp"` and the client adds it.
 */
export type SendMessageBody = DistributiveOmit<
  z.input<typeof sendMessageRequestSchema>,
  'messaging_product'
> & {
  messaging_product?: 'whatsapp';
};
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

export type CreateTemplateBody = z.input<typeof createTemplateRequestSchema>;

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
