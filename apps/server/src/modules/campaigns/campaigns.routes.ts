import { z } from 'zod';
import {
  campaignDetailSchema,
  campaignListQuerySchema,
  campaignPageSchema,
  createCampaignSchema,
  pauseCampaignSchema,
  retryRecipientsSchema,
  runControlResultSchema,
  updateCampaignSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { CampaignControl } from './campaigns.control';
import type { CampaignsService } from './campaigns.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['Campaigns'];

/** Campaigns under /api/v1: drafts, launch and approval, run control. */
export function campaignsRoutes(
  app: ZodApp,
  s: { campaigns: CampaignsService; control: CampaignControl },
): void {
  const read = { access: 'campaigns.read' } as const;
  const write = { access: 'campaigns.write' } as const;
  const launch = { access: 'campaigns.launch' } as const;

  app.get(
    '/campaigns',
    {
      config: read,
      schema: { tags, querystring: campaignListQuerySchema, response: { 200: campaignPageSchema } },
    },
    async (request) => s.campaigns.list(request.query),
  );
  app.post(
    '/campaigns',
    {
      config: write,
      schema: { tags, body: createCampaignSchema, response: { 201: campaignDetailSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await s.campaigns.create(request.body, auditContext(request))),
  );
  app.get(
    '/campaigns/:id',
    { config: read, schema: { tags, params: idParams, response: { 200: campaignDetailSchema } } },
    async (request) => s.campaigns.get(request.params.id),
  );
  app.patch(
    '/campaigns/:id',
    {
      config: write,
      schema: {
        tags,
        params: idParams,
        body: updateCampaignSchema,
        response: { 200: campaignDetailSchema },
      },
    },
    async (request) => s.campaigns.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/campaigns/:id',
    {
      config: write,
      schema: { tags, params: idParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (request) => {
      await s.campaigns.remove(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );

  const control = (
    path: string,
    access: 'campaigns.launch' | 'campaigns.approve',
    run: (
      id: string,
      request: Parameters<typeof auditContext>[0],
    ) => ReturnType<CampaignControl['launch']>,
  ) =>
    app.post(
      `/campaigns/:id/${path}`,
      {
        config: { access },
        schema: { tags, params: idParams, response: { 200: runControlResultSchema } },
      },
      async (request) => run(request.params.id, request),
    );
  control('launch', 'campaigns.launch', (id, r) => s.control.launch(id, auditContext(r)));
  control('approve', 'campaigns.approve', (id, r) => s.control.approve(id, auditContext(r)));
  control('reject', 'campaigns.approve', (id, r) => s.control.reject(id, auditContext(r)));
  control('resume', 'campaigns.launch', (id, r) => s.control.resume(id, auditContext(r)));
  control('cancel', 'campaigns.launch', (id, r) => s.control.cancel(id, auditContext(r)));
  app.post(
    '/campaigns/:id/pause',
    {
      config: launch,
      schema: {
        tags,
        params: idParams,
        body: pauseCampaignSchema.optional(),
        response: { 200: runControlResultSchema },
      },
    },
    async (request) =>
      s.control.pause(request.params.id, request.body?.detail, auditContext(request)),
  );
  app.post(
    '/campaigns/:id/retry',
    {
      config: launch,
      schema: {
        tags,
        params: idParams,
        body: retryRecipientsSchema.optional(),
        response: { 200: runControlResultSchema },
      },
    },
    async (request) =>
      s.control.retry(request.params.id, request.body?.recipientIds, auditContext(request)),
  );
}
