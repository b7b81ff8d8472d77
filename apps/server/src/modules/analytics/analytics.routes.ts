import {
  campaignReportSchema,
  analyticsQuerySchema,
  analyticsSummarySchema,
  messageLogDetailSchema,
  messageLogFilterSchema,
  messageLogPageSchema,
  messageLogQuerySchema,
} from '@kiana/contracts';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { fileResponse } from '../../http/openapi.responses';
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
    '/message-log.csv',
    {
      config: { access: 'logs.read' },
      schema: {
        tags: ['Logs'],
        summary: 'The messages log as CSV',
        description:
          'Every message matching the filters, newest first, as `text/csv` streamed while it is read (columns createdAt, direction, status, phoneNumberId, contactPhone, contactName, templateName, campaignId, errorCode, wamid, text).',
        querystring: messageLogFilterSchema,
        response: { 200: fileResponse('text/csv', 'The filtered messages log as CSV') },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="messages.csv"')
        .send(Readable.from(service.messagesCsv(request.query))),
  );
  app.get(
    '/message-log/:id',
    {
      config: { access: 'logs.read' },
      schema: { tags: ['Logs'], params: idParams, response: { 200: messageLogDetailSchema } },
    },
    async (request) => service.message(request.params.id),
  );
  app.get(
    '/campaigns/:id/report',
    {
      config: { access: 'campaigns.read' },
      schema: {
        tags: ['Campaigns'],
        summary: "A campaign's report",
        description:
          'Funnel (targeted → sent → delivered → read → replied → opted out), failures by Meta error code, hourly curves since launch, countries and cost, read from the rollups and the campaign counters (never the messages). Figures lag the messages by up to the rollup interval: every change up to `watermark` is in them.',
        params: idParams,
        response: { 200: campaignReportSchema },
      },
    },
    async (request) => service.campaignReport(request.params.id),
  );
  app.get(
    '/campaigns/:id/report.csv',
    {
      config: { access: 'campaigns.read' },
      schema: {
        tags: ['Campaigns'],
        summary: "A campaign's report as CSV",
        description:
          'The report as `text/csv`, one figure per line: `section,key,metric,value` (sections campaign, funnel, failure, country, cost, hour).',
        params: idParams,
        response: { 200: fileResponse('text/csv', "The campaign's report as CSV") },
      },
    },
    async (request, reply) => {
      const csv = await service.campaignReportCsv(request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="campaign-report.csv"`)
        .send(csv);
    },
  );
}
