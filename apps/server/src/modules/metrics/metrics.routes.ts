import {
  metricsSettingsSchema,
  metricsTokenSchema,
  updateMetricsSettingsSchema,
} from '@kiana/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import { clientAddress } from '../../http/client-address';
import type { MetricsService } from './metrics.service';

const tags = ['Settings'];

/** Settings → Metrics: the scrape token (shown once) and the address allow-list. */
export function metricsSettingsRoutes(app: ZodApp, service: MetricsService): void {
  app.get(
    '/settings/metrics',
    {
      config: { access: 'settings.manage' },
      schema: { tags, response: { 200: metricsSettingsSchema } },
    },
    async () => service.settings(),
  );
  app.put(
    '/settings/metrics',
    {
      config: { access: 'settings.manage' },
      schema: { tags, body: updateMetricsSettingsSchema, response: { 200: metricsSettingsSchema } },
    },
    async (request) => service.setAllowList(request.body.allowList, auditContext(request)),
  );
  app.post(
    '/settings/metrics/token',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, response: { 201: metricsTokenSchema } },
    },
    async (request, reply) =>
      reply.code(201).send({ token: await service.rotateToken(auditContext(request)) }),
  );
  app.delete(
    '/settings/metrics/token',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (request) => {
      await service.clearToken(auditContext(request));
      return { ok: true as const };
    },
  );
}

/**
 * `GET /metrics` for Prometheus, outside `/api` (no session, no CSRF): a bearer token from
 * Settings → Metrics, optionally narrowed by an address allow-list. Its answers are listed in
 * http/openapi.outside.ts; docs/OPERATIONS.md explains the set-up.
 */
export function metricsScrapeRoute(app: ZodApp, service: MetricsService): void {
  app.get('/metrics', { schema: { tags: ['Operations'] } }, async (request, reply) => {
    await service.authorize(request.headers.authorization, clientAddress(request));
    const { contentType, body } = await service.scrape();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
