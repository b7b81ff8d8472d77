import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole } from '../../modules/auth/auth.testkit';
import { apiKeyRateLimitSetting, RATE_WINDOW_MS } from './rate-limit.http';

describe('rate limits per API key, counted in the database', () => {
  let t: TestApp;
  let bearer: Record<string, string>;
  let keyId: string;
  let now = Date.UTC(2026, 0, 15, 9, 0, 10);
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn', clock: { now: () => now } });
    const admin = await userWithRole(t, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'crm', scopes: ['read'] },
    });
    const body = created.json<{ secret: string; apiKey: { id: string } }>();
    bearer = { authorization: `Bearer ${body.secret}` };
    keyId = body.apiKey.id;
    await t.ctx.settings.set(t.ctx.db.kysely, apiKeyRateLimitSetting, 3);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = () => t.app.inject({ url: '/api/v1/contacts', headers: bearer });

  it('answers with RateLimit headers, then 429 with Retry-After past the configured limit, until the window ends', async () => {
    const answers = [await get(), await get(), await get()];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.headers['ratelimit-remaining'])).toEqual(['2', '1', '0']);
    expect(answers[0]?.headers['ratelimit-limit']).toBe('3');
    expect(answers[0]?.headers['ratelimit-reset']).toBe('50');
    const refused = await get();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('50');
    expect(refused.json()).toMatchObject({ code: 'rate_limited', requestId: expect.any(String) });
    // The count is a database row, which every process shares.
    const rows = await t.ctx.db.kysely
      .selectFrom('apiRateCounters')
      .select(['subject', 'count'])
      .execute();
    expect(rows).toEqual([{ subject: `api_key:${keyId}`, count: 4 }]);
    now += RATE_WINDOW_MS;
    expect((await get()).statusCode).toBe(200);
  });
});
