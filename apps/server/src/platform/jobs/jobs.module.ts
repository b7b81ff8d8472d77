import type { AppContext } from '../../app-context';
import type { Module } from '../../modules/module';
import type { AuditService } from '../../modules/audit/audit.service';
import { registerPersonalData } from '../../modules/privacy/data-registry';
import { createJobsService, type JobsService } from './jobs.service';
import { jobsRoutes } from './jobs.routes';
import { purgeDone } from './jobs.repo';

const DAY = 24 * 60 * 60_000;
// Finished jobs are kept a week for the admin view; their keys (time slots) are past by then.
const KEEP_DONE_MS = 7 * DAY;

/** Registers the platform tables (jobs, leases) in the privacy registry. */
export function registerPlatformTables(): void {
  registerPersonalData({
    table: 'jobs',
    module: 'system',
    classification: 'system',
    description:
      'Durable background jobs: kind, idempotency key, payload of ids, status, attempts, last error, progress. Finished ones are deleted after 7 days.',
  });
  registerPersonalData({
    table: 'leases',
    module: 'system',
    key: 'name',
    classification: 'system',
    description: 'Named leases across processes: owner process, fencing generation, expiry.',
  });
}

/** The job queue's admin API and the purge of finished jobs. */
export function jobsModule(
  ctx: AppContext,
  deps: { audit: AuditService; onRetried?: () => void },
): Module & { service: JobsService } {
  registerPlatformTables();
  const service = createJobsService({ db: ctx.db, clock: ctx.clock, ...deps });
  return {
    name: 'jobs',
    service,
    routes: (app) => jobsRoutes(app, service),
    jobs: [
      {
        name: 'jobs.purge-done',
        intervalMs: DAY,
        run: async () => void (await purgeDone(ctx.db.kysely, ctx.clock.now() - KEEP_DONE_MS)),
      },
    ],
  };
}
