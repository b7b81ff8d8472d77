import { auditPageSchema, auditQuerySchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { fileResponse } from '../../http/openapi.responses';
import { auditContext } from '../../http/principal';
import type { AuditService } from './audit.service';

/** The security log: read and export only. No route edits or deletes a record. */
export function auditRoutes(app: ZodApp, audit: AuditService): void {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: { querystring: auditQuerySchema, response: { 200: auditPageSchema } },
    },
    async (request) => audit.list(request.query),
  );

  app.get(
    '/audit/export.csv',
    {
      config: { access: 'audit.read' },
      schema: {
        querystring: auditQuerySchema,
        response: { 200: fileResponse('text/csv', 'The security log as CSV') },
      },
    },
    async (request, reply) => {
      const csv = await audit.exportCsv(request.query, auditContext(request));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="security-log.csv"')
        .send(csv);
    },
  );
}
