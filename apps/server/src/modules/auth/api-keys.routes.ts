import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
} from '@kiana/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { ApiKeysService } from './api-keys.service';

/** API keys for integrations (apikeys.manage). The secret appears once, in the create response. */
export function apiKeysRoutes(app: ZodApp, apiKeys: ApiKeysService): void {
  app.get(
    '/api-keys',
    { config: { access: 'apikeys.manage' }, schema: { response: { 200: apiKeyListSchema } } },
    async () => ({ apiKeys: await apiKeys.list() }),
  );
  app.post(
    '/api-keys',
    {
      config: { access: 'apikeys.manage' },
      schema: { body: createApiKeyRequestSchema, response: { 201: createdApiKeySchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await apiKeys.create(request.body, auditContext(request))),
  );
  app.post(
    '/api-keys/:id/revoke',
    {
      config: { access: 'apikeys.manage' },
      schema: { params: z.object({ id: z.string().max(64) }), response: { 200: apiKeySchema } },
    },
    async (request) => apiKeys.revoke(request.params.id, auditContext(request)),
  );
}
