import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/test-db';
import { SIM, startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import { parseExposition, sampleValue } from './metrics.exposition';

describe(`GET /metrics on ${testDialect}`, () => {
  let bed: WhatsAppTestbed;
  let token: string;
  const scrape = (headers: Record<string, string> = {}) =>
    bed.t.app.inject({ method: 'GET', url: '/metrics', headers });
  const scrapeOk = async () => {
    const res = await scrape({ authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return parseExposition(res.body);
  };

  beforeAll(async () => {
    bed = await startTestbed();
    await bed.connect();
  }, 60_000);
  afterAll(async () => {
    await bed.close();
  });

  it('answers 401 while no token is set, and to a missing or wrong token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape({ authorization: 'Bearer anything' })).statusCode).toBe(401);
    const created = await bed.call({ method: 'POST', url: '/api/v1/settings/metrics/token' });
    expect(created.statusCode).toBe(201);
    token = created.json<{ token: string }>().token;
    expect(token).toMatch(/^kmt_/);
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape({ authorization: `Bearer ${token}x` })).statusCode).toBe(401);
    expect((await scrape({ authorization: token })).statusCode).toBe(401);
  });

  it('shows the token only as a hint afterwards', async () => {
    const res = await bed.call({ method: 'GET', url: '/api/v1/settings/metrics' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: { isSet: boolean; hint: string | null } }>();
    expect(body.token.isSet).toBe(true);
    expect(res.body).not.toContain(token);
  });

  it('serves valid Prometheus text with the documented families', async () => {
    const { types, samples } = await scrapeOk();
    expect(types.get('kiana_graph_request_duration_seconds')).toBe('histogram');
    expect(types.get('kiana_messages_sent_total') ?? types.get('kiana_messages_sent')).toBe(
      'counter',
    );
    expect(types.get('kiana_webhook_intake_lag_seconds')).toBe('histogram');
    expect(types.get('kiana_jobs_queued')).toBe('gauge');
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    for (const code of ['130429', '131056', '131049'])
      expect(sampleValue(samples, 'kiana_meta_limit_errors_total', { code })).toBe(0);
  });

  it('counts a send through the Graph client by number, and a refused one by code', async () => {
    const before = sampleValue((await scrapeOk()).samples, 'kiana_messages_sent_total', {
      phone_number_id: SIM.phoneId,
    });
    const account = (await bed.accounts().list())[0];
    if (account === undefined) throw new Error('no account');
    const { api } = await bed.accounts().graphAccess(account.id);
    await api.sendMessage(SIM.phoneId, {
      to: '15550001111',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    await expect(
      api.sendMessage(SIM.phoneId, {
        to: '15550001111',
        type: 'template',
        template: { name: 'no_such_template', language: { code: 'en_US' } },
      }),
    ).rejects.toMatchObject({ metaCode: 132001 });
    const { samples } = await scrapeOk();
    expect(
      sampleValue(samples, 'kiana_messages_sent_total', { phone_number_id: SIM.phoneId }),
    ).toBe((before ?? 0) + 1);
    expect(
      sampleValue(samples, 'kiana_messages_failed_total', {
        phone_number_id: SIM.phoneId,
        code: '132001',
      }),
    ).toBe(1);
    // Both calls were timed, labelled by endpoint kind and outcome (the error class).
    for (const outcome of ['ok', 'permanent'])
      expect(
        sampleValue(samples, 'kiana_graph_request_duration_seconds_count', {
          endpoint: 'messages',
          outcome,
        }),
      ).toBeGreaterThanOrEqual(1);
  });

  it('reports queue depth per kind from the jobs table', async () => {
    await bed.t.ctx.db.kysely
      .insertInto('jobs')
      .values({
        id: 'metrics-test-job',
        kind: 'metrics.test',
        key: null,
        payload: '{}',
        status: 'queued',
        runAt: bed.t.ctx.clock.now() - 5_000,
        attempts: 0,
        maxAttempts: 1,
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: null,
        progress: null,
        createdAt: bed.t.ctx.clock.now() - 5_000,
        updatedAt: bed.t.ctx.clock.now(),
        finishedAt: null,
      })
      .execute();
    const { samples } = await scrapeOk();
    expect(sampleValue(samples, 'kiana_jobs_queued', { kind: 'metrics.test' })).toBe(1);
    expect(
      sampleValue(samples, 'kiana_jobs_oldest_due_age_seconds', { kind: 'metrics.test' }),
    ).toBeGreaterThanOrEqual(5);
    await bed.t.ctx.db.kysely.deleteFrom('jobs').where('id', '=', 'metrics-test-job').execute();
  });

  it('refuses an address outside the allow-list even with the token', async () => {
    const set = (allowList: string[]) =>
      bed.call({ method: 'PUT', url: '/api/v1/settings/metrics', payload: { allowList } });
    expect((await set(['not-an-address'])).statusCode).toBe(400);
    expect((await set(['10.0.0.0/8', '2001:db8::/32'])).statusCode).toBe(200);
    const refused = await scrape({ authorization: `Bearer ${token}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('kiana_');
    expect((await set(['127.0.0.0/8'])).statusCode).toBe(200);
    expect((await scrape({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    expect((await set([])).statusCode).toBe(200);
  });

  it('answers 401 again once the token is removed', async () => {
    expect(
      (await bed.call({ method: 'DELETE', url: '/api/v1/settings/metrics/token' })).statusCode,
    ).toBe(200);
    expect((await scrape({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });
});
