import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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

/** How old a callback may be, and how far ahead of our clock its issue time may lie. */
export const MAX_CALLBACK_AGE_S = 24 * 60 * 60;
const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Whether a verified payload is current: `issued_at` (required: without it a captured
 * request could be replayed forever) within the last day and not in the future, and
 * `expires`, when given, not passed.
 */
export function isFresh(payload: SignedRequestPayload, nowMs: number): boolean {
  const now = Math.floor(nowMs / 1000);
  if (payload.issued_at === undefined) return false;
  if (payload.issued_at > now + MAX_CLOCK_SKEW_S) return false;
  if (now - payload.issued_at > MAX_CALLBACK_AGE_S) return false;
  return payload.expires === undefined || payload.expires === 0 || payload.expires > now;
}

/** A replay key for a signed_request: the SHA-256 of its signature part. */
export function signedRequestKey(signed: string): string {
  return createHash('sha256')
    .update(signed.trim().split('.')[0] ?? '')
    .digest('hex');
}

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
