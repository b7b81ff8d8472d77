import { z } from 'zod';
import {
  integrationsSettingsSchema,
  webhookDeliveryListSchema,
  webhookEndpointCreateSchema,
  webhookEndpointCreatedSchema,
  webhookEndpointSchema,
  webhookEndpointUpdateSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { IntegrationsService } from './integrations.service';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['Outgoing webhooks'];

/** Settings → Webhooks (outgoing): endpoints, deliveries and replays (settings.manage). */
export function integrationsRoutes(app: ZodApp, service: IntegrationsService): void {
  const access = { access: 'settings.manage' as const };
  app.get(
    '/integrations/webhooks',
    {
      config: access,
      schema: { tags, response: { 200: z.object({ endpoints: z.array(webhookEndpointSchema) }) } },
    },
    async () => ({ endpoints: await service.list() }),
  );
  app.post(
    '/integrations/webhooks',
    {
      config: access,
      schema: {
        tags,
        body: webhookEndpointCreateSchema,
        response: { 201: webhookEndpointCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(request.body, auditContext(request))),
  );
  app.patch(
    '/integrations/webhooks/:id',
    {
      config: access,
      schema: {
        tags,
        params: idParams,
        body: webhookEndpointUpdateSchema,
        response: { 200: webhookEndpointSchema },
      },
    },
    async (request) => service.update(request.params.id, request.body, auditContext(request)),
  );
  app.post(
    '/integrations/webhooks/:id/ping',
    {
      config: access,
      schema: {
        tags,
        params: idParams,
        response: { 202: z.object({ eventId: z.string(), deliveryId: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.ping(request.params.id, auditContext(request))),
  );
  app.get(
    '/integrations/webhooks/:id/deliveries',
    {
      config: access,
      schema: { tags, params: idParams, response: { 200: webhookDeliveryListSchema } },
    },
    async (request) => ({ deliveries: await service.deliveries(request.params.id) }),
  );
  app.post(
    '/integrations/deliveries/:id/replay',
    {
      config: access,
      schema: { tags, params: idParams, response: { 202: z.object({ deliveryId: z.string() }) } },
    },
    async (request, reply) =>
      reply.code(202).send(await service.replay(request.params.id, auditContext(request))),
  );
  app.get(
    '/integrations/settings',
    { config: access, schema: { tags, response: { 200: integrationsSettingsSchema } } },
    async () => service.getSettings(),
  );
  app.put(
    '/integrations/settings',
    {
      config: access,
      schema: {
        tags,
        body: integrationsSettingsSchema,
        response: { 200: integrationsSettingsSchema },
      },
    },
    async (request) => service.setSettings(request.body, auditContext(request)),
  );
}
