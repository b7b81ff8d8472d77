import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { testDialect } from '../../test/test-db';
import { NotFoundError, ValidationError } from '../errors';

describe(`app skeleton on ${testDialect}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // A throwaway plugin exercising the error model the way modules will.
    await t.app.register(
      async (api) => {
        api.get('/boom/:kind', { config: { access: 'public' } }, async (request) => {
          const { kind } = request.params as { kind: string };
          if (kind === 'missing') throw new NotFoundError('Campaign', 'c1');
          if (kind === 'invalid') throw new ValidationError('name: too long', [{ field: 'name' }]);
          throw new Error('secret internal detail');
        });
        api.withTypeProvider().post(
          '/echo',
          {
            config: { access: 'public' },
            schema: { body: z.object({ count: z.number().int() }) },
          },
          async () => ({ ok: true }),
        );
      },
      { prefix: '/api/test' },
    );
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz with JSON', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      database: 'ok',
      migrations: { pending: [] },
    });
  });

  it('hands an overlong path parameter to the route instead of answering a bare 414', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/test/boom/${'m'.repeat(500)}` });
    // The route ran (its generic error), rather than the router refusing the length.
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({
      code: 'internal_error',
      requestId: res.headers['x-request-id'],
    });
  });

  it('maps typed errors to { code, message, details, requestId }', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/test/boom/missing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      code: 'not_found',
      message: 'Campaign c1 not found',
      requestId: missing.headers['x-request-id'],
    });
    const invalid = await t.app.inject({ method: 'GET', url: '/api/test/boom/invalid' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'name' }],
    });
  });

  it('hides unknown errors behind a generic 500 and logs them with the request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/test/boom/crash',
      headers: { 'x-request-id': 'req-abcdef12' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      code: 'internal_error',
      message: 'Internal server error',
      requestId: 'req-abcdef12',
    });
    expect(res.body).not.toContain('secret internal detail');
    // (Other tests here also reach the route's crash: the line of this request is wanted.)
    const line = t.logLines.find(
      (l) => l.includes('secret internal detail') && l.includes('req-abcdef12'),
    );
    expect(line).toBeDefined();
  });

  it('names the bad field when a body fails its schema', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { count: 'many' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'body.count' }],
    });
  });

  it('redacts credentials from request logs', async () => {
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/meta',
      headers: {
        authorization: 'Bearer planted-token-123',
        cookie: 'kiana_session=planted-cookie-456',
      },
    });
    const all = t.logLines.join('');
    expect(all).not.toContain('planted-token-123');
    expect(all).not.toContain('planted-cookie-456');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('refuses to start when an API route declares no access', async () => {
    const other = await buildTestApp();
    try {
      await expect(
        other.app
          .register(async (api) => {
            api.get('/api/v1/forgot', async () => ({}));
          })
          .ready(),
      ).rejects.toThrow(/declares no access/);
    } finally {
      await other.close().catch(() => {});
    }
  });
});
