import type { AppContext } from '../../app-context';
import type { Module } from '../../modules/module';
import { registerPersonalData } from '../../modules/privacy/data-registry';
import { installApiKeyRateLimit, RATE_WINDOW_MS } from './rate-limit.http';
import { purgeWindows } from './rate-limit.repo';

/** The per-API-key rate limit and the purge of past windows. */
export function rateLimitModule(ctx: AppContext): Module {
  registerPersonalData({
    table: 'api_rate_counters',
    module: 'system',
    key: 'subject',
    classification: 'system',
    description:
      'Requests per API key per minute, for the rate limit; past windows are purged hourly.',
  });
  return {
    name: 'rate-limit',
    install: async (app) =>
      installApiKeyRateLimit(app, { db: ctx.db, clock: ctx.clock, settings: ctx.settings }),
    jobs: [
      {
        name: 'rate-limit.purge-windows',
        intervalMs: 60 * 60_000,
        run: async () => purgeWindows(ctx.db.kysely, ctx.clock.now() - 2 * RATE_WINDOW_MS),
      },
    ],
  };
}
