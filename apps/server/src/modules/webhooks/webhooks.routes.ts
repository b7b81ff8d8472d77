import { z } from 'zod';
import {
  webhookEventDetailSchema,
  webhookEventPageSchema,
  webhookEventQuerySchema,
  webhookEventSummarySchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { WebhooksService } from './webhooks.service';
import type { WebhookEventRow } from './webhooks.repo';

const idParams = z.object({ id: z.string().min(1).max(100) });

function summary(row: Omit<WebhookEventRow, 'raw' | 'bodyHash'>) {
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    accountId: row.accountId,
    wabaId: row.wabaId,
    field: row.field,
    signature: 'valid' as const,
    status: row.status,
    error: row.error,
    itemCount: row.itemCount,
    attempts: row.attempts,
    processedAt: row.processedAt,
  };
}

/** The webhook log (Logs → Webhooks): list, search, raw body, replay. */
export function webhooksRoutes(app: ZodApp, service: WebhooksService): void {
  app.get(
    '/webhooks/events',
    {
      config: { access: 'logs.read' },
      schema: { querystring: webhookEventQuerySchema, response: { 200: webhookEventPageSchema } },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { rows, total } = await service.list(filter, { limit, offset });
      return {
        events: rows.map(summary),
        total,
        signatureFailures: service.stats().signatureFailures,
      };
    },
  );

  app.get(
    '/webhooks/events/:id',
    {
      config: { access: 'logs.read' },
      schema: { params: idParams, response: { 200: webhookEventDetailSchema } },
    },
    async (request) => {
      const row = await service.get(request.params.id);
      return { ...summary(row), raw: row.raw };
    },
  );

  app.post(
    '/webhooks/events/:id/replay',
    {
      config: { access: 'settings.manage' },
      schema: { params: idParams, response: { 200: webhookEventSummarySchema } },
    },
    async (request) => {
      return summary(await service.replay(request.params.id, auditContext(request)));
    },
  );
}
