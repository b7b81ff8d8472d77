import { z } from 'zod';

/** One Graph API call of the call log (Logs → Graph API). Never the token or a message body. */
export const graphApiCallSchema = z.object({
  id: z.string(),
  /** When the call started (epoch ms). */
  at: z.number(),
  accountId: z.string().nullable(),
  phoneNumberId: z.string().nullable(),
  method: z.string(),
  /** Path with the ids it names, without the query string. */
  path: z.string(),
  /** Message type or `template:<name>` for sends. */
  note: z.string().nullable(),
  /** Null when no answer came (network failure or timeout). */
  httpStatus: z.number().int().nullable(),
  ok: z.boolean(),
  /** The error class (retryable, throttled, auth, permanent, …) of a failed call. */
  classification: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorSubcode: z.number().int().nullable(),
  durationMs: z.number().int(),
  fbtraceId: z.string().nullable(),
});
export type GraphApiCall = z.infer<typeof graphApiCallSchema>;

/** `GET /api/v1/api-log` query: newest first, keyset-paged with `cursor`. */
export const graphApiCallQuerySchema = z.object({
  accountId: z.string().max(100).optional(),
  status: z.enum(['ok', 'error']).optional(),
  errorCode: z.coerce.number().int().optional(),
  /** Part of the path (an id, `messages`, `message_templates`…). */
  q: z.string().trim().max(200).optional(),
  /** Calls at or after this time (epoch ms). */
  from: z.coerce.number().int().min(0).optional(),
  /** Calls before this time (epoch ms). */
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,16}\.[A-Za-z0-9-]{1,64}$/)
    .optional(),
});
export type GraphApiCallQuery = z.infer<typeof graphApiCallQuerySchema>;

export const graphApiCallPageSchema = z.object({
  calls: z.array(graphApiCallSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Calls not logged since the server started because the write buffer overflowed. */
  dropped: z.number().int(),
});
export type GraphApiCallPage = z.infer<typeof graphApiCallPageSchema>;
