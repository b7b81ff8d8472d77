import {
  analyticsQuerySchema,
  analyticsSummarySchema,
  messageLogDetailSchema,
  messageLogPageSchema,
  messageLogQuerySchema,
} from '@kiana/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../http/types';
import type { AnalyticsService } from './analytics.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** The dashboard and reports (rollups), and Logs → Messages. */
export function analyticsRoutes(app: ZodApp, service: AnalyticsService): void {
  app.get(
    '/analytics/summary',
    {
      config: { access: 'analytics.read' },
      schema: {
        tags: ['Analytics'],
        querystring: analyticsQuerySchema,
        response: { 200: analyticsSummarySchema },
      },
    },
    async (request) => service.summary(request.query),
  );
  app.get(
    '/message-log',
    {
      config: { access: 'logs.read' },
      schema: {
        tags: ['Logs'],
        querystring: messageLogQuerySchema,
        response: { 200: messageLogPageSchema },
      },
    },
    async (request) => service.messages(request.query),
  );
  app.get(
    '/message-log/:id',
    {
      config: { access: 'logs.read' },
      schema: { tags: ['Logs'], params: idParams, response: { 200: messageLogDetailSchema } },
    },
    async (request) => service.message(request.params.id),
  );
}
