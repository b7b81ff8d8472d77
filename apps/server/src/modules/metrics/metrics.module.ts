import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import { queueStatsByKind } from '../../platform/jobs/jobs.repo';
import { metricsScrapeRoute, metricsSettingsRoutes } from './metrics.routes';
import { createMetricsService } from './metrics.service';

/** `/metrics` and its settings; feeds the queue gauges from the shared jobs table. */
export function createMetricsModule(ctx: AppContext, deps: { audit: AuditService }): Module {
  const service = createMetricsService(ctx, deps.audit);
  ctx.metrics.setQueueSource(async () => {
    const now = ctx.clock.now();
    return (await queueStatsByKind(ctx.db.kysely, now)).map((s) => ({
      kind: s.kind,
      queued: s.queued,
      running: s.running,
      oldestDueAgeSeconds: s.oldestDueAt === null ? 0 : Math.max(0, now - s.oldestDueAt) / 1000,
    }));
  });
  const unwatch = ctx.metrics.watchBus(ctx.bus);
  return {
    name: 'metrics',
    install: async (app) => metricsScrapeRoute(app, service),
    routes: (app) => metricsSettingsRoutes(app, service),
    close: async () => unwatch(),
  };
}
