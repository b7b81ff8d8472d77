import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { clientAddress } from './client-address';

/** Requests per minute: per address when anonymous, per user or key when signed in. */
export const ANONYMOUS_PER_MINUTE = 600;
export const PRINCIPAL_PER_MINUTE = 1200;

/**
 * HTTP hardening shared by every route: cookies, security headers with a strict CSP,
 * HSTS over HTTPS, and rate limits on the API and the public legal pages.
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects <style> tags and style attributes at run time (CSS variables,
        // colour scheme); without 'unsafe-inline' for styles the SPA renders unstyled.
        // Scripts stay strictly 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // QR codes for 2FA enrolment are data: URLs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only when the request really came over HTTPS (see the hook below); sending it
    // on plain HTTP would be ignored, and on a LAN install without TLS it is misleading.
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });
  await app.register(fastifyRateLimit, {
    global: true,
    // After the auth hook, so signed-in callers are counted per principal.
    hook: 'preHandler',
    max: (request) =>
      request.principal === undefined ? ANONYMOUS_PER_MINUTE : PRINCIPAL_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      request.principal === undefined
        ? `ip:${clientAddress(request)}`
        : `${request.principal.kind}:${request.principal.id}`,
    // Webhooks are exempt: Meta's retries must not be refused, and each one is checked by
    // its HMAC signature before any work. Static SPA files cost nothing to serve.
    // API keys are limited in the database instead (platform/rate-limit), across processes.
    allowList: (request) =>
      !/^\/(api|legal)(\/|$)/.test(request.url) || request.principal?.kind === 'api_key',
  });
}
