import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addErrorResponses, errorBodySchema } from './openapi.errors';
import { exampleOf, type JsonSchema } from './openapi.examples';
import { outgoingWebhooksDoc } from './openapi.webhooks';
import { outsideApiResponses } from './openapi.outside';

type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  parameters?: JsonSchema[];
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, Response>;
};
type Response = {
  description?: string;
  content?: Record<string, { schema?: unknown; example?: unknown }>;
  headers?: Record<string, unknown>;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  [key: string]: unknown;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** `getContactsIdConsent` for GET /api/v1/contacts/{id}/consent: unique by construction. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join('');
}

/** The tag of an untagged route: its first path segment (`/api/v1/users/…` → `Users`). */
function tagOf(path: string): string {
  if (!path.startsWith('/api/')) {
    if (path.startsWith('/legal')) return 'Legal pages';
    if (path.startsWith('/webhooks')) return 'Meta webhooks';
    return 'Health';
  }
  const first = path.replace(/^\/api\/v1\/?/, '').split('/')[0] ?? 'api';
  const words = first.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer' } },
  'RateLimit-Remaining': {
    description: 'Requests left in the window',
    schema: { type: 'integer' },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window resets',
    schema: { type: 'integer' },
  },
};

/**
 * What the generated document gets on top of the zod schemas: an operation id and a tag on
 * every route, the shared `Error` component referenced by every error answer, the real
 * content types of the routes outside the API, the rate-limit headers, and an example on
 * every parameter, request body and response, derived from its own schema.
 */
export function completeDocument(doc: Document): Document {
  const schemas = (doc.components ??= {}).schemas ?? {};
  const { $schema: _ignored, ...errorSchema } = z.toJSONSchema(errorBodySchema, { io: 'output' });
  schemas.Error = {
    ...errorSchema,
    examples: [
      {
        code: 'not_found',
        message: 'Contact 3f1c2b8e not found',
        requestId: '6b0e3c1a-2d4f-4e5a-9b8c-7d6e5f4a3b2c',
      },
    ],
  };
  doc.components.schemas = schemas;
  doc.components.securitySchemes = {
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key: `Authorization: Bearer kiana_…`',
    },
    session: { type: 'apiKey', in: 'cookie', name: 'kiana_session' },
  };
  const resolve = (ref: string): unknown => schemas[ref.replace('#/components/schemas/', '')];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      op.operationId ??= operationIdOf(method, path);
      if (op.tags === undefined || op.tags.length === 0) op.tags = [tagOf(path)];
      const outside = outsideApiResponses[`${method.toUpperCase()} ${path}`];
      if (outside !== undefined) op.responses = outside as Record<string, Response>;
      for (const p of op.parameters ?? []) {
        if (p.example === undefined && p.schema !== undefined)
          p.example = exampleOf(p.schema, resolve, String(p.name ?? ''));
      }
      const params = (op.parameters ??= []);
      if (
        method === 'post' &&
        path.startsWith('/api/') &&
        !params.some((p) => p.name === 'Idempotency-Key')
      )
        params.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Retry-safe creation: the first answer is stored for 24 h and replayed for the same key and body; another body gets 409 `idempotency_key_reused`, a retry while the first is running gets 409 `idempotency_in_progress`.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
          example: '7d0c5a4e-order-1042',
        });
      for (const media of Object.values(op.requestBody?.content ?? {}))
        if (media.example === undefined && media.schema !== undefined)
          media.example = exampleOf(media.schema, resolve);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const code = Number(status);
        if (code >= 400 && path.startsWith('/api/')) {
          response.content = { 'application/json': { schema: ERROR_REF } };
        }
        if (path.startsWith('/api/'))
          response.headers = { ...rateLimitHeaders, ...response.headers };
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media.example !== undefined || media.schema === undefined) continue;
          media.example = type.includes('json') ? exampleOf(media.schema, resolve) : undefined;
          if (media.example === undefined) delete media.example;
        }
      }
      if (path.startsWith('/api/') && op.responses?.['401'] !== undefined)
        (op as { security?: unknown }).security = [{ apiKey: [] }, { session: [] }];
    }
  }
  // What outgoing webhook deliveries post to a registered endpoint (OpenAPI 3.1 `webhooks`).
  (doc as { webhooks?: unknown }).webhooks = outgoingWebhooksDoc();
  return doc;
}

/** Registers @fastify/swagger with the shared conventions; call before any route. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Before @fastify/swagger's own onRoute hook, so the document sees the error responses.
  app.addHook('onRoute', addErrorResponses);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kiana WhatsApp Panel API',
        version: '1',
        description:
          'The API the panel itself uses. Authenticate with a session cookie (plus `x-csrf-token` on writes) or `Authorization: Bearer <API key>`. Errors are `{ code, message, details, requestId }`.',
      },
      servers: [],
    },
    transform: jsonSchemaTransform,
    // zod's shared and recursive schemas become components first, then our conventions.
    transformObject: (documentObject) =>
      completeDocument(jsonSchemaTransformObject(documentObject) as Document) as never,
  });
}
