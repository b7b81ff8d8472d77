import type { AppContext } from '../../app-context';
import { leaseName } from '../../platform/locks/lock-names';
import type { Module } from '../module';
import { createAnalyticsFold, type AnalyticsFold } from './analytics.fold';
import { registerAnalyticsTables } from './analytics.privacy';
import { analyticsRoutes } from './analytics.routes';
import { createAnalyticsService, type AnalyticsService } from './analytics.service';

export interface AnalyticsModule extends Module {
  fold: AnalyticsFold;
  analytics: AnalyticsService;
}

/** How often the rollups catch up with the messages (the dashboard's freshness). */
export const ROLLUP_INTERVAL_MS = 15_000;

/** Analytics (issue 17): the rollup fold, the dashboard and report reads, the messages log. */
export function createAnalyticsModule(ctx: AppContext): AnalyticsModule {
  registerAnalyticsTables();
  const fold = createAnalyticsFold({ db: ctx.db, clock: ctx.clock });
  const analytics = createAnalyticsService({ db: ctx.db.kysely });
  return {
    name: 'analytics',
    fold,
    analytics,
    routes: (app) => analyticsRoutes(app, analytics),
    jobs: [
      {
        // A durable timed job: one run per slot across processes; the lease keeps a slow
        // run and the next slot's from folding the same messages at once.
        name: 'analytics.rollup',
        intervalMs: ROLLUP_INTERVAL_MS,
        runAtStart: true,
        run: async () => {
          await ctx.leases.withLease(leaseName('singleton', 'analytics-rollup'), 60_000, (lease) =>
            fold.run({ fence: (tx) => lease.fence(tx), budgetMs: 10_000 }),
          );
        },
      },
    ],
  };
}
