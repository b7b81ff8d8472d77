import { z } from 'zod';
import { messageStatusSchema } from './conversations';

// Transactional sends through the public API: `POST /api/v1/messages` sends one message to
// one number (a template with parameters, or free text or media inside the customer's 24 h
// window) and `GET /api/v1/messages/{id}` follows it.

const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number with its leading +')
  .describe('The recipient, E.164 with its leading `+`');

/** A template send: Meta's approved template by name and language, its slots filled. */
export const sendTemplateSchema = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(20),
  /**
   * Slot key → value, the keys of `GET /templates/{id}/slots`: `body.first_name` or
   * `body.1` (body variables may drop the `body.` prefix), `header.order_id` for a text
   * header, `header.media` for a media header (an https link or an uploaded media id),
   * `button.0` for a URL suffix or coupon code.
   */
  parameters: z.record(z.string().max(64), z.string().min(1).max(1024)).optional(),
});

export const sendTextSchema = z.object({
  body: z.string().min(1).max(4096),
  previewUrl: z.boolean().optional(),
});

export const sendMediaSchema = z.object({
  type: z.enum(['image', 'video', 'audio', 'document']),
  /** A public https link Meta fetches. */
  link: z.url({ protocol: /^https$/ }).max(2000),
  caption: z.string().min(1).max(1024).optional(),
  filename: z.string().min(1).max(240).optional(),
});

/** `POST /api/v1/messages`: exactly one of `template`, `text` or `media`. */
export const sendMessageBodySchema = z
  .object({
    to: e164,
    /** Meta's id of the sending number; may be left out when the panel has only one. */
    phoneNumberId: z.string().min(1).max(64).optional(),
    template: sendTemplateSchema.optional(),
    text: sendTextSchema.optional(),
    media: sendMediaSchema.optional(),
  })
  .refine((b) => [b.template, b.text, b.media].filter((x) => x !== undefined).length === 1, {
    message: 'Give exactly one of template, text or media',
  })
  .meta({
    examples: [
      {
        to: '+14155550123',
        template: {
          name: 'order_confirmation',
          language: 'en_US',
          parameters: {
            first_name: 'Ana',
            order_id: 'A-1042',
            ship_date: 'May 3',
            'header.order_id': 'A-1042',
            'button.0': 'A-1042',
          },
        },
      },
    ],
  });
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/** One step of a message's life, oldest first. */
export const messageStatusStepSchema = z.object({
  status: messageStatusSchema,
  at: z.iso.datetime(),
});

/** A message sent through the API (and any outbound message looked up by id). */
export const apiMessageSchema = z.object({
  id: z.string(),
  wamid: z.string().nullable(),
  to: z.string().nullable(),
  phoneNumberId: z.string(),
  contactId: z.string(),
  type: z.string(),
  status: messageStatusSchema,
  /** Meta's error when the message failed. */
  error: z.object({ code: z.number().nullable(), title: z.string().nullable() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type ApiMessage = z.infer<typeof apiMessageSchema>;

/** `GET /api/v1/messages/{id}`: the message with its status history. */
export const apiMessageDetailSchema = apiMessageSchema.extend({
  history: z.array(messageStatusStepSchema),
});
export type ApiMessageDetail = z.infer<typeof apiMessageDetailSchema>;
