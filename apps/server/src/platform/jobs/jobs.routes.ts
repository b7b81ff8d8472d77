import { z } from 'zod';
import { jobListSchema, jobQuerySchema, jobSchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { JobsService } from './jobs.service';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Settings → Jobs: the durable queue for admins (jobs.manage). */
export function jobsRoutes(app: ZodApp, jobs: JobsService): void {
  app.get(
    '/jobs',
    {
      config: { access: 'jobs.manage' },
      schema: { querystring: jobQuerySchema, response: { 200: jobListSchema } },
    },
    async (request) => jobs.list(request.query),
  );
  app.get(
    '/jobs/:id',
    {
      config: { access: 'jobs.manage' },
      schema: { params: idParams, response: { 200: jobSchema } },
    },
    async (request) => jobs.get(request.params.id),
  );
  app.post(
    '/jobs/:id/retry',
    {
      config: { access: 'jobs.manage' },
      schema: { params: idParams, response: { 200: jobSchema } },
    },
    async (request) => jobs.retry(request.params.id, auditContext(request)),
  );
}
