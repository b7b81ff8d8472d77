import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { userWithRole, type SignedIn } from '../modules/auth/auth.testkit';

/** The three "Info" items of the outside probe, as decided (see README, security notes). */
describe('API responses and request logs', () => {
  let t: TestApp;
  let viewer: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'info' });
    viewer = await userWithRole(t, 'viewer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('marks every API response no-store, errors included', async () => {
    for (const url of [
      '/api/v1/auth/session',
      '/api/v1/meta',
      '/api/v1/templates',
      '/api/v1/nope',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: viewer.headers });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/templates' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('serves the OpenAPI document to signed-in callers only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/docs' })).statusCode).toBe(401);
    const doc = await t.app.inject({ method: 'GET', url: '/api/v1/docs', headers: viewer.headers });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
  });

  it('keeps search terms (customer numbers) out of the request log', async () => {
    const before = t.logLines.length;
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events?q=%2B15557654321&limit=5',
      headers: viewer.headers,
    });
    const lines = t.logLines.slice(before).join('\n');
    expect(lines).toContain('/api/v1/webhooks/events');
    expect(lines).not.toContain('5557654321');
  });
});
