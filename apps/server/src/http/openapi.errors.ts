import { z } from 'zod';
import type { RouteOptions } from 'fastify';

/** The one error body every error answer of the API carries (see error-handler.ts). */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});

/** What each standard error status means, for the document's response descriptions. */
export const errorDescriptions: Record<number, string> = {
  400: 'The request is not valid (`validation_failed` lists each field in `details`)',
  401: 'No valid session or API key (`unauthorized`, `invalid_api_key`)',
  403: 'Not allowed: missing permission, CSRF check failed or 2FA enrolment required',
  404: 'The resource does not exist',
  409: 'Conflicts with the current state, or an `Idempotency-Key` reused with another body',
  413: 'The body or file is too large',
  415: 'The body has a content type this route does not accept',
  422: 'Understood but not possible (e.g. a filter that needs a feature not available)',
  429: 'Too many requests: wait `Retry-After` seconds (`RateLimit-*` headers say the budget)',
  500: 'Unexpected server error; quote `requestId` when reporting it',
  502: 'The WhatsApp Cloud API answered with an error',
  503: 'A dependency is unavailable; retry later',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error statuses a route answers beyond the standard set of its kind (e.g. 502 from Meta). */
    errors?: readonly number[];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RouteKind {
  methods: readonly string[];
  url: string;
  access: string | undefined;
  extra: readonly number[];
}

/**
 * The error statuses a route can answer, derived from its kind rather than listed by hand:
 * every API route can be refused as malformed (400), rate limited (429) or fail (500); a
 * non-public one can be unauthenticated (401) or forbidden (403); a public one that changes
 * state can fail the CSRF check (403); a path with an id, or a write naming other
 * resources, can miss (404); a write can conflict (409: state or idempotency key), be too
 * large (413), of the wrong type (415) or impossible (422).
 */
export function errorStatusesOf(route: RouteKind): number[] {
  const statuses = new Set<number>([400, 429, 500, ...route.extra]);
  const writes = route.methods.some((m) => !SAFE.has(m.toUpperCase()));
  if (route.access !== 'public') {
    statuses.add(401);
    statuses.add(403);
  } else if (writes) statuses.add(403);
  if (route.url.includes(':')) statuses.add(404);
  // A write may name other resources in its body (tags, an upload) that do not exist.
  if (writes) for (const s of [404, 409, 413, 415, 422]) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Adds the shared error body to every `/api/` route's response schemas for each status of
 * its kind, before @fastify/swagger reads the route: the document lists them, and the
 * serializer checks every error answer against the one schema.
 */
export function addErrorResponses(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  const schema = (route.schema ??= {});
  if ((schema as { hide?: boolean }).hide === true) return;
  const response = ((schema as { response?: Record<string, unknown> }).response ??= {});
  const statuses = errorStatusesOf({
    methods: [route.method].flat(),
    url: route.url,
    access: route.config?.access,
    extra: route.config?.errors ?? [],
  });
  for (const status of statuses) {
    if (response[status] !== undefined) continue;
    response[status] = errorBodySchema.describe(errorDescriptions[status] ?? 'Error');
  }
}
