import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The header the SPA's client sends its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** A readable (not HttpOnly) cookie holding the same token, for the SPA to copy into the header. */
export const CSRF_COOKIE = 'kiana_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that must not change state. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * OWASP's "verify the origin with standard headers": a state-changing request that
 * carries Origin (or, failing that, Referer) must come from this panel's own origin —
 * the configured public URL or the host the request was sent to. Requests with neither
 * header are not from a browser page and are left to the token check.
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const header = request.headers.origin ?? request.headers.referer;
  if (header === undefined || header === '') return true;
  const origin = originOf(header);
  if (origin === undefined) return false;
  const allowed = new Set<string>();
  if (publicUrl !== undefined) {
    const configured = originOf(publicUrl);
    if (configured !== undefined) allowed.add(configured);
  }
  const host = request.headers.host;
  if (host !== undefined) allowed.add(`${request.protocol}://${host}`);
  return allowed.has(origin);
}

/** Compares the sent token with the session's in constant time. */
export function csrfTokenMatches(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
