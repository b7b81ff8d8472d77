import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import { RateLimitedError } from '../../errors';
import { defineSetting, type SettingsStore } from '../settings/settings';
import { countRequest } from './rate-limit.repo';

export const RATE_WINDOW_MS = 60_000;

/** Requests per minute each API key may make; an admin tunes it. */
export const apiKeyRateLimitSetting = defineSetting<number>({
  key: 'api.rateLimitPerMinute',
  schema: z.number().int().min(1).max(100_000),
  defaultValue: () => 600,
});

/**
 * Rate limits per API key, counted in the database (one row per key and minute) so they
 * hold across processes. Every answer to a key carries `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` (seconds); past the limit it is 429 with
 * `Retry-After`. Sessions and anonymous callers keep the per-process limiter of security.ts.
 */
export function installApiKeyRateLimit(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; settings: SettingsStore },
): void {
  app.addHook('preHandler', async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind !== 'api_key' || !request.url.startsWith('/api/')) return;
    const limit = (await deps.settings.get(deps.db.kysely, apiKeyRateLimitSetting)).value;
    const now = deps.clock.now();
    const windowStart = now - (now % RATE_WINDOW_MS);
    const count = await countRequest(deps.db.kysely, `api_key:${principal.id}`, windowStart);
    const reset = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
    void reply.header('ratelimit-limit', String(limit));
    void reply.header('ratelimit-remaining', String(Math.max(0, limit - count)));
    void reply.header('ratelimit-reset', String(reset));
    if (count > limit)
      throw new RateLimitedError(`More than ${limit} requests a minute with this API key`, reset);
  });
}
