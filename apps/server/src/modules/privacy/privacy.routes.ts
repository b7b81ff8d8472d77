import { z } from 'zod';
import {
  correctionMatchesSchema,
  fulfilCorrectionSchema,
  deletionListQuerySchema,
  deletionPreviewSchema,
  deletionRequestListSchema,
  deletionRequestSchema,
  deletionSubjectSchema,
  legalOverviewQuerySchema,
  legalOverviewSchema,
  legalPageSchema,
  legalPageStateSchema,
  legalPreviewRequestSchema,
  legalPreviewSchema,
  legalSettingsSchema,
  openDeletionRequestSchema,
  publishLegalSchema,
  purgePreviewSchema,
  purgeRunListSchema,
  purgeRunRequestSchema,
  purgeRunSchema,
  rejectDeletionSchema,
  retentionPeriodsSchema,
  retentionSettingsSchema,
} from '@kiana/contracts';
import type { FastifyReply } from 'fastify';
import type { ZodApp } from '../../http/types';
import { fileResponse } from '../../http/openapi.responses';
import { auditContext } from '../../http/principal';
import type { AuditService } from '../audit/audit.service';
import type { DeletionService } from './deletion.service';
import type { CorrectionService } from './correction.service';
import type { ExportFile, ExportService } from './export.service';
import type { RetentionService } from './retention.service';
import type { PrivacySettings } from './privacy.settings';
import type { LegalService } from './legal/legal.service';

export interface PrivacyRouteDeps {
  deletion: DeletionService;
  corrections: CorrectionService;
  retention: RetentionService;
  exporter: ExportService;
  settings: PrivacySettings;
  legal: LegalService;
  audit: AuditService;
}

const idParams = z.object({ id: z.string().min(1).max(64) });
const zipResponse = fileResponse('application/zip', 'The export as a ZIP archive', true);

/** Sends an export; its id lets a client fetch it again later, from any process. */
function sendZip(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('content-length', file.bytes)
    .header('cache-control', 'no-store')
    .header('x-export-id', file.id)
    .send(file.body instanceof Uint8Array ? Buffer.from(file.body) : file.body);
}

/** The Privacy section's API: deletion queue, exports, retention, legal pages. */
export function privacyRoutes(app: ZodApp, deps: PrivacyRouteDeps): void {
  const { deletion, corrections, retention, exporter, settings, legal } = deps;

  app.get(
    '/privacy/requests',
    {
      config: { access: 'privacy.read' },
      schema: {
        querystring: deletionListQuerySchema,
        response: { 200: deletionRequestListSchema },
      },
    },
    async (request) => deletion.list(request.query),
  );
  app.post(
    '/privacy/requests',
    {
      config: { access: 'privacy.execute' },
      schema: { body: openDeletionRequestSchema, response: { 200: deletionRequestSchema } },
    },
    async (request) => deletion.openByAdmin(request.body, auditContext(request)),
  );
  app.get(
    '/privacy/requests/:id',
    {
      config: { access: 'privacy.read' },
      schema: { params: idParams, response: { 200: deletionRequestSchema } },
    },
    async (request) => deletion.get(request.params.id),
  );
  app.put(
    '/privacy/requests/:id/subject',
    {
      config: { access: 'privacy.execute' },
      schema: {
        params: idParams,
        body: deletionSubjectSchema,
        response: { 200: deletionRequestSchema },
      },
    },
    async (request) => deletion.setSubject(request.params.id, request.body, auditContext(request)),
  );
  app.post(
    '/privacy/requests/:id/preview',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: deletionPreviewSchema } },
    },
    async (request) => deletion.preview(request.params.id, auditContext(request)),
  );
  app.post(
    '/privacy/requests/:id/execute',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: deletionRequestSchema } },
    },
    async (request) => deletion.execute(request.params.id, auditContext(request)),
  );
  app.post(
    '/privacy/requests/:id/reject',
    {
      config: { access: 'privacy.execute' },
      schema: {
        params: idParams,
        body: rejectDeletionSchema,
        response: { 200: deletionRequestSchema },
      },
    },
    async (request) =>
      deletion.reject(request.params.id, request.body.reason, auditContext(request)),
  );
  app.post(
    '/privacy/requests/:id/matches',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: correctionMatchesSchema } },
    },
    async (request) => corrections.matches(request.params.id, auditContext(request)),
  );
  app.post(
    '/privacy/requests/:id/correct',
    {
      config: { access: 'privacy.execute' },
      schema: {
        params: idParams,
        body: fulfilCorrectionSchema,
        response: { 200: deletionRequestSchema },
      },
    },
    async (request) => corrections.fulfil(request.params.id, request.body, auditContext(request)),
  );
  app.get(
    '/privacy/requests/:id/export.zip',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: zipResponse } },
    },
    async (request, reply) => {
      const resolution = await deletion.resolveRequest(request.params.id);
      return sendZip(
        reply,
        await exporter.exportResolution(resolution, request.params.id, auditContext(request)),
      );
    },
  );
  app.get(
    '/privacy/contacts/:id/export.zip',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: zipResponse } },
    },
    async (request, reply) =>
      sendZip(reply, await exporter.exportContact(request.params.id, auditContext(request))),
  );
  app.get(
    '/privacy/exports/:id/export.zip',
    {
      config: { access: 'privacy.execute' },
      schema: { params: idParams, response: { 200: zipResponse } },
    },
    async (request, reply) =>
      sendZip(reply, await exporter.download(request.params.id, auditContext(request))),
  );

  app.get(
    '/privacy/retention',
    { config: { access: 'privacy.read' }, schema: { response: { 200: retentionSettingsSchema } } },
    async () => settings.retention(),
  );
  app.put(
    '/privacy/retention',
    {
      config: { access: 'settings.manage' },
      schema: {
        body: z.object({ periods: retentionPeriodsSchema }),
        response: { 200: retentionSettingsSchema },
      },
    },
    async (request) => {
      return settings.setRetention(request.body.periods, {
        ...auditContext(request),
        mayShortenSecurityLog: request.principal?.permissions.has('security.manage') === true,
      });
    },
  );
  app.get(
    '/privacy/purge/preview',
    { config: { access: 'privacy.read' }, schema: { response: { 200: purgePreviewSchema } } },
    async () => retention.preview(),
  );
  app.get(
    '/privacy/purge/runs',
    { config: { access: 'privacy.read' }, schema: { response: { 200: purgeRunListSchema } } },
    async () => ({ runs: await retention.history() }),
  );
  app.post(
    '/privacy/purge/runs',
    {
      config: { access: 'privacy.execute' },
      schema: { body: purgeRunRequestSchema, response: { 200: purgeRunSchema } },
    },
    async (request) => {
      const who = auditContext(request);
      return retention.run({
        dryRun: request.body.dryRun,
        trigger: 'manual',
        actor: who.actor,
        ip: who.ip,
        userAgent: who.userAgent,
      });
    },
  );

  app.get(
    '/privacy/legal',
    {
      config: { access: 'privacy.read' },
      schema: { querystring: legalOverviewQuerySchema, response: { 200: legalOverviewSchema } },
    },
    async (request) => ({
      settings: await settings.legal(),
      pages: await legal.pages(request.query.language),
      coverage: await legal.coverage(),
    }),
  );
  app.put(
    '/privacy/legal/settings',
    {
      config: { access: 'settings.manage' },
      schema: { body: legalSettingsSchema, response: { 200: legalSettingsSchema } },
    },
    async (request) => {
      return settings.setLegal(request.body, auditContext(request));
    },
  );
  app.post(
    '/privacy/legal/pages/:page/versions',
    {
      config: { access: 'settings.manage' },
      schema: {
        params: z.object({ page: legalPageSchema }),
        body: publishLegalSchema,
        response: { 200: legalPageStateSchema },
      },
    },
    async (request) =>
      legal.publish(
        request.params.page,
        request.body.markdown,
        request.body.effectiveAt,
        auditContext(request),
        request.body.language,
      ),
  );
  app.post(
    '/privacy/legal/preview',
    {
      config: { access: 'privacy.read' },
      schema: { body: legalPreviewRequestSchema, response: { 200: legalPreviewSchema } },
    },
    async (request) => ({
      html: await legal.preview(request.body.markdown, request.body.language),
    }),
  );
}
