import { z } from 'zod';

// Send-message request bodies (`POST /{phone-number-id}/messages`), NOTES §1. Objects are
// loose: Meta adds fields over time and the simulator must not reject what Meta accepts.

const mediaObject = z
  .looseObject({
    id: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().optional(),
  })
  .refine((m) => (m.id === undefined) !== (m.link === undefined), {
    message: 'exactly one of id or link is required',
  });

const currencyParam = z.looseObject({
  fallback_value: z.string(),
  code: z.string(),
  amount_1000: z.number(),
});
const dateTimeParam = z.looseObject({ fallback_value: z.string() });
const locationParam = z.looseObject({
  latitude: z.union([z.number(), z.string()]),
  longitude: z.union([z.number(), z.string()]),
  name: z.string().optional(),
  address: z.string().optional(),
});

/** One template parameter; `parameter_name` is set for templates created with NAMED parameters. */
export const templateParameterSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('text'),
    text: z.string(),
    parameter_name: z.string().optional(),
  }),
  z.looseObject({
    type: z.literal('currency'),
    currency: currencyParam,
    parameter_name: z.string().optional(),
  }),
  z.looseObject({
    type: z.literal('date_time'),
    date_time: dateTimeParam,
    parameter_name: z.string().optional(),
  }),
  z.looseObject({ type: z.literal('image'), image: mediaObject }),
  z.looseObject({ type: z.literal('video'), video: mediaObject }),
  z.looseObject({ type: z.literal('document'), document: mediaObject }),
  z.looseObject({ type: z.literal('location'), location: locationParam }),
  z.looseObject({ type: z.literal('payload'), payload: z.string() }),
  z.looseObject({ type: z.literal('coupon_code'), coupon_code: z.string() }),
  z.looseObject({ type: z.literal('action'), action: z.record(z.string(), z.unknown()) }),
]);
export type TemplateParameter = z.infer<typeof templateParameterSchema>;

/** A component of a template send (lower-case types when sending, NOTES §1.2). */
export const templateSendComponentSchema = z.looseObject({
  type: z.enum(['header', 'body', 'button', 'carousel', 'limited_time_offer']),
  sub_type: z.string().optional(),
  // S1 types `index` as a string, pywa sends an int: accept both.
  index: z.union([z.string(), z.number()]).optional(),
  parameters: z.array(templateParameterSchema).optional(),
});
export type TemplateSendComponent = z.infer<typeof templateSendComponentSchema>;

export const templateSendSchema = z.looseObject({
  name: z.string().min(1),
  // The spec marks `policy` required, its own examples omit it; its only value is deterministic.
  language: z.looseObject({
    code: z.string().min(1),
    policy: z.literal('deterministic').optional(),
  }),
  components: z.array(templateSendComponentSchema).optional(),
});

const interactiveSchema = z.looseObject({
  type: z.enum([
    'button',
    'list',
    'cta_url',
    'catalog_message',
    'product',
    'product_list',
    'flow',
    'order_details',
    'order_status',
    'call_permission_request',
    'location_request_message',
  ]),
  // Spec HeaderObject: text ≤ 60, sub_text ≤ 60, a media header carries its media object.
  header: z
    .looseObject({
      type: z.enum(['text', 'video', 'image', 'document']),
      text: z.string().max(60).optional(),
      sub_text: z.string().max(60).optional(),
    })
    .optional(),
  body: z.looseObject({ text: z.string().max(1024) }).optional(),
  footer: z.looseObject({ text: z.string().max(60) }).optional(),
  action: z.looseObject({}),
});

const base = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  // `to` (a phone number or group id) or, since 2026, `recipient` (a business-scoped user id);
  // `to` wins when both are given (NOTES §1.1). One of them is required.
  to: z.string().min(1).optional(),
  recipient: z.string().min(1).optional(),
  context: z.looseObject({ message_id: z.string().min(1) }).optional(),
  // Raised from 256 to 512 characters (Meta changelog, NOTES §1.1).
  biz_opaque_callback_data: z.string().max(512).optional(),
};

/** Every outbound message body, discriminated by `type`. */
export const sendMessageRequestSchema = z.discriminatedUnion('type', [
  z.looseObject({
    ...base,
    type: z.literal('text'),
    text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
  }),
  z.looseObject({ ...base, type: z.literal('image'), image: mediaObject }),
  z.looseObject({ ...base, type: z.literal('video'), video: mediaObject }),
  z.looseObject({ ...base, type: z.literal('audio'), audio: mediaObject }),
  z.looseObject({ ...base, type: z.literal('document'), document: mediaObject }),
  z.looseObject({ ...base, type: z.literal('sticker'), sticker: mediaObject }),
  z.looseObject({ ...base, type: z.literal('location'), location: locationParam }),
  z.looseObject({
    ...base,
    type: z.literal('contacts'),
    contacts: z.array(z.looseObject({})).min(1),
  }),
  z.looseObject({
    ...base,
    type: z.literal('reaction'),
    reaction: z.looseObject({ message_id: z.string().min(1), emoji: z.string() }),
  }),
  z.looseObject({ ...base, type: z.literal('interactive'), interactive: interactiveSchema }),
  z.looseObject({ ...base, type: z.literal('template'), template: templateSendSchema }),
]);
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;
export type OutboundMessageType = SendMessageRequest['type'];

/** Mark-as-read (and optional typing indicator) on the same endpoint. */
export const markReadRequestSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.looseObject({ type: z.literal('text') }).optional(),
});
export type MarkReadRequest = z.infer<typeof markReadRequestSchema>;

/** Success response of a send: `wa_id` may differ from `input` (NOTES §8). */
export const sendMessageResponseSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  // A send by BSUID answers with `user_id` instead of `wa_id` (NOTES §1.3).
  contacts: z.array(
    z.object({ input: z.string(), wa_id: z.string().optional(), user_id: z.string().optional() }),
  ),
  messages: z.array(
    z.object({
      id: z.string(),
      message_status: z.enum(['accepted', 'held_for_quality_assessment', 'paused']).optional(),
    }),
  ),
});
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

/** `{ "success": true }`, answer of mark-as-read, deletes and subscriptions. */
export const successResponseSchema = z.object({ success: z.boolean() });
