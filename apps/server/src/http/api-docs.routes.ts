import { z } from 'zod';
import type { ZodApp } from './types';
import { fileResponse } from './openapi.responses';
import { renderApiDocs } from './api-docs.page';

type DocumentSource = () => unknown;
const tags = ['Documentation'];

/**
 * `GET /api/v1/docs`: the OpenAPI 3.1 document. The API's shape is no secret, but strangers
 * need it no more than a map of the panel: signed-in users and API keys only.
 */
export function apiDocsRoutes(api: ZodApp, document: DocumentSource): void {
  api.get(
    '/docs',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The OpenAPI 3.1 document of this API',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => document() as Record<string, unknown>,
  );
}

/** `GET /api/docs`: the same document as a browsable page (see api-docs.page.ts). */
export function apiDocsPage(app: ZodApp, document: DocumentSource): void {
  let page: string | undefined;
  app.get(
    '/api/docs',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The API reference as a page',
        response: { 200: fileResponse('text/html', 'The API reference') },
      },
    },
    async (_request, reply) => {
      // The document is fixed once the app is ready: render it once.
      page ??= renderApiDocs(document() as Parameters<typeof renderApiDocs>[0]);
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );
}
