import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Meta's `signed_request` (Data Deletion Request Callback, developers.facebook.com/docs/
 * development/create-an-app/app-dashboard/data-deletion-callback): two base64url parts
 * joined by a dot, `<signature>.<payload>`. The signature is HMAC-SHA256 of the payload
 * part *as sent* (still base64url) keyed with the app secret; the payload is JSON with
 * `algorithm: "HMAC-SHA256"`, `user_id` (app-scoped), `issued_at` and sometimes `expires`.
 */
const payloadSchema = z.object({
  algorithm: z.string().refine((a) => a.toUpperCase() === 'HMAC-SHA256', 'unsupported algorithm'),
  user_id: z.union([z.string(), z.number()]).transform(String),
  issued_at: z.number().optional(),
  expires: z.number().optional(),
});
export type SignedRequestPayload = z.infer<typeof payloadSchema>;

/** Signs a payload the way Meta does (tests and the simulator). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', appSecret).update(body).digest('base64url');
  return `${sig}.${body}`;
}

/**
 * Verifies a signed_request against any of the app secrets; returns its payload, or
 * undefined when malformed, signed with another secret or not HMAC-SHA256.
 */
export function verifySignedRequest(
  signed: string,
  appSecrets: readonly string[],
): SignedRequestPayload | undefined {
  const parts = signed.trim().split('.');
  if (parts.length !== 2) return undefined;
  const [sigPart, body] = parts as [string, string];
  // Meta pads nothing, but some clients do; base64url decoding tolerates either.
  const given = Buffer.from(sigPart, 'base64url');
  if (given.length !== 32) return undefined;
  const valid = appSecrets.some((secret) =>
    timingSafeEqual(given, createHmac('sha256', secret).update(body).digest()),
  );
  if (!valid) return undefined;
  try {
    const parsed = payloadSchema.safeParse(
      JSON.parse(Buffer.from(body, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
