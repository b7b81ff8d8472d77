import { describe, expect, it } from 'vitest';
import type { LogEvent } from 'kysely';
import { EventBus } from '../../events/bus';
import '../../modules/webhooks/webhooks.events';
import { parseExposition, sampleValue } from '../../modules/metrics/metrics.exposition';
import { createMetrics, endpointKind } from './metrics';

const scrape = async (m: ReturnType<typeof createMetrics>) =>
  parseExposition((await m.render()).body).samples;

describe('metrics', () => {
  it('labels Graph paths by endpoint kind, never by id', () => {
    expect(endpointKind('POST', '/v23.0/1065/messages')).toBe('messages');
    expect(endpointKind('GET', '/v23.0/1022/message_templates')).toBe('message_templates');
    expect(endpointKind('GET', '/v23.0/1065')).toBe('object');
    expect(endpointKind('DELETE', '/v23.0/77')).toBe('object_delete');
    expect(endpointKind('POST', '/v23.0/1/2/weird')).toBe('other');
  });

  it('counts the limit codes whether a send or a webhook reports them', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeGraphCall({
      method: 'POST',
      path: '/v23.0/1065/messages',
      durationMs: 40,
      httpStatus: 429,
      classification: 'throttled',
      metaCode: 130429,
    });
    m.recordMessageFailed('1065', 131049);
    m.recordMessageFailed('1065', null);
    const samples = await scrape(m);
    expect(sampleValue(samples, 'kiana_meta_limit_errors_total', { code: '130429' })).toBe(1);
    expect(sampleValue(samples, 'kiana_meta_limit_errors_total', { code: '131049' })).toBe(1);
    expect(sampleValue(samples, 'kiana_meta_limit_errors_total', { code: '131056' })).toBe(0);
    expect(
      sampleValue(samples, 'kiana_messages_failed_total', {
        phone_number_id: '1065',
        code: 'none',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'kiana_graph_request_duration_seconds_sum', {
        endpoint: 'messages',
        outcome: 'throttled',
      }),
    ).toBeCloseTo(0.04);
  });

  it('times database queries by statement kind', async () => {
    const m = createMetrics({ defaultMetrics: false });
    const event = (sql: string, ms: number, level: 'query' | 'error' = 'query') =>
      ({ level, query: { sql }, queryDurationMillis: ms }) as unknown as LogEvent;
    m.observeQuery(event('select 1', 2));
    m.observeQuery(event('  insert into x values (1)', 3));
    m.observeQuery(event('pragma foo', 1, 'error'));
    const samples = await scrape(m);
    const count = (kind: string, outcome = 'ok') =>
      sampleValue(samples, 'kiana_db_query_duration_seconds_count', { kind, outcome });
    expect(count('select')).toBe(1);
    expect(count('insert')).toBe(1);
    expect(count('other', 'error')).toBe(1);
  });

  it('counts only this process’s webhook intake and signature failures', async () => {
    const m = createMetrics({ defaultMetrics: false });
    const bus = new EventBus();
    m.watchBus(bus);
    const now = Date.now();
    bus.publish('webhooks.event', {
      id: 'e1',
      receivedAt: now - 200,
      field: 'messages',
      accountId: null,
      status: 'processed',
      error: null,
      itemCount: 1,
    });
    bus.publish('webhooks.signature_failure', { at: now, accountId: null });
    // Relayed from another process: counted there, not here.
    bus.deliverRemote({
      name: 'webhooks.signature_failure',
      payload: { at: now, accountId: null },
      at: now,
    });
    const samples = await scrape(m);
    expect(
      sampleValue(samples, 'kiana_webhook_events_total', {
        field: 'messages',
        status: 'processed',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'kiana_webhook_signature_failures_total')).toBe(1);
    expect(sampleValue(samples, 'kiana_webhook_intake_lag_seconds_sum')).toBeGreaterThanOrEqual(
      0.2,
    );
  });

  it('reads the queue gauges at scrape time', async () => {
    const m = createMetrics({ defaultMetrics: false });
    let queued = 3;
    m.setQueueSource(async () => [{ kind: 'k', queued, running: 1, oldestDueAgeSeconds: 9 }]);
    expect(sampleValue(await scrape(m), 'kiana_jobs_queued', { kind: 'k' })).toBe(3);
    queued = 0;
    expect(sampleValue(await scrape(m), 'kiana_jobs_queued', { kind: 'k' })).toBe(0);
  });
});
