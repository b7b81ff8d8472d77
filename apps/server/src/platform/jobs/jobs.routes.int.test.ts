import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../../modules/auth/auth.testkit';
import { defineJobKind } from './jobs.kind';

describe(`the jobs admin API on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;
  let agent: SignedIn;
  let deadId: string;

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    admin = await userWithRole(t, 'admin');
    agent = await userWithRole(t, 'agent');
    const kind = t.ctx.jobs.register(
      defineJobKind({
        kind: 'test.always-fails',
        payload: z.object({ id: z.string() }),
        maxAttempts: 1,
        run: async () => {
          throw new Error('the remote end said no');
        },
      }),
    );
    deadId = (await t.ctx.jobs.enqueue(kind, { id: 'x' })).id;
    await t.worker.drainOnce();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists dead jobs with their last error, never their payload', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs?status=dead',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ jobs: Record<string, unknown>[]; counts: Record<string, number> }>();
    expect(body.counts.dead).toBe(1);
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]).toMatchObject({
      id: deadId,
      status: 'dead',
      lastError: 'the remote end said no',
    });
    expect(body.jobs[0]).not.toHaveProperty('payload');
  });

  it('retries a dead job: queued again with fresh attempts, audited; a second retry is a conflict', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${deadId}/retry`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: deadId, status: 'queued', attempts: 0 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${deadId}/retry`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=job.retry',
      headers: admin.headers,
    });
    expect(audit.body).toContain(deadId);
  });

  it('refuses an agent, who may not manage jobs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: agent.headers });
    expect(res.statusCode).toBe(403);
  });
});
