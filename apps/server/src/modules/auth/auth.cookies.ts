import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE } from '../../http/csrf';
import { SESSION_COOKIE } from './auth.hook';
import type { NewSession } from './auth.service';

/**
 * Sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS, path /) and the
 * readable CSRF cookie. Both expire with the session's absolute lifetime.
 */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: NewSession,
): void {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    expires: new Date(session.expiresAt),
  };
  void reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

/** Removes both cookies. */
export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
