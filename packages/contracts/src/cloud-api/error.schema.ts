import { z } from 'zod';

/**
 * Graph API synchronous error envelope (NOTES §2.1). `error_data` is an object for Cloud API
 * sends but may be a plain string on template-management errors, so both are accepted.
 */
export const graphErrorSchema = z.looseObject({
  message: z.string(),
  type: z.string(),
  code: z.number().int(),
  error_subcode: z.union([z.number(), z.string()]).optional(),
  error_data: z
    .union([
      z.looseObject({ messaging_product: z.string().optional(), details: z.string().optional() }),
      z.string(),
    ])
    .optional(),
  is_transient: z.boolean().optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
  fbtrace_id: z.string().optional(),
});
export type GraphError = z.infer<typeof graphErrorSchema>;

/** `{ "error": { … } }` as returned by every failing Graph API call. */
export const graphErrorEnvelopeSchema = z.object({ error: graphErrorSchema });
export type GraphErrorEnvelope = z.infer<typeof graphErrorEnvelopeSchema>;

/** Error object inside webhooks (`statuses[].errors[]`, `value.errors[]`): no `type`, has `title`/`href`. */
export const webhookErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string() }).optional(),
  href: z.string().optional(),
});
export type WebhookError = z.infer<typeof webhookErrorSchema>;
