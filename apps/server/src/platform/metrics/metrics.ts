import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CollectFunction,
} from 'prom-client';
import type { LogEvent } from 'kysely';
import type { BusEvent, EventBus } from '../../events/bus';
import type { GraphCallEvent } from '../../whatsapp/graph.transport';

/**
 * The process's Prometheus metrics (`GET /metrics`, modules/metrics). One registry per app,
 * never prom-client's global one, so several apps in one test process stay apart. Counters
 * and histograms are per process (Prometheus sums them across the processes it scrapes);
 * the job queue gauges are read from the database at scrape, so every process reports the
 * same shared queue. See docs/OPERATIONS.md, "Metrics".
 */

/** Codes that each get their own counter: throughput, pair rate, per-user marketing cap. */
export const limitCodes = [130429, 131056, 131049] as const;

/** The queue figures of one job kind, read from the jobs table at scrape. */
export interface QueueStat {
  kind: string;
  queued: number;
  running: number;
  /** Seconds the oldest due, unclaimed job has waited (0 when none is due). */
  oldestDueAgeSeconds: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** The Graph client's observer: latency by endpoint kind and outcome, sends and failures. */
  observeGraphCall(event: GraphCallEvent): void;
  /** A message Meta accepted, by sending number (campaigns and the inbox call it too). */
  recordMessageSent(phoneNumberId: string): void;
  /** A message refused or failed (synchronously or by status webhook), by number and code. */
  recordMessageFailed(phoneNumberId: string, code: number | null): void;
  /** Kysely's `log` hook: query durations by kind (select, insert, update, delete, other). */
  observeQuery(event: LogEvent): void;
  /** Counts this process's webhook intake and signature failures from its bus. */
  watchBus(bus: EventBus): () => void;
  /** Sets where the queue gauges come from (the jobs table). */
  setQueueSource(source: () => Promise<QueueStat[]>): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** The kind of Graph endpoint a path names; a label with few values (no ids). */
export function endpointKind(method: string, path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  const last = parts.at(-1) ?? '';
  const known = [
    'messages',
    'media',
    'message_templates',
    'phone_numbers',
    'subscribed_apps',
    'register',
    'deregister',
    'uploads',
    'block_users',
  ];
  if (known.includes(last)) return last;
  // `/v23.0/{id}`: a read or change of one object (a number, a WABA, a media item).
  if (parts.length === 2) return method === 'DELETE' ? 'object_delete' : 'object';
  return 'other';
}

const sendPath = /^\/v\d+\.\d+\/([^/]+)\/messages$/;

/** Creates the metrics of one app. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Event-loop lag (nodejs_eventloop_lag_*), heap, GC and handles, from prom-client itself.
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const graphLatency = new Histogram({
    name: 'kiana_graph_request_duration_seconds',
    help: 'Graph API request latency by endpoint kind and outcome (ok or the error class)',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const sent = new Counter({
    name: 'kiana_messages_sent_total',
    help: 'Messages Meta accepted, by sending phone number id (per process)',
    labelNames: ['phone_number_id'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'kiana_messages_failed_total',
    help: 'Messages refused or failed, by sending phone number id and Meta error code (per process)',
    labelNames: ['phone_number_id', 'code'] as const,
    registers: [registry],
  });
  const limits = new Counter({
    name: 'kiana_meta_limit_errors_total',
    help: 'Meta limit errors: 130429 throughput, 131056 pair rate, 131049 marketing cap (per process)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  for (const code of limitCodes) limits.inc({ code: String(code) }, 0);
  const webhookEvents = new Counter({
    name: 'kiana_webhook_events_total',
    help: 'Webhook events stored and applied by this process, by field and status',
    labelNames: ['field', 'status'] as const,
    registers: [registry],
  });
  const intakeLag = new Histogram({
    name: 'kiana_webhook_intake_lag_seconds',
    help: 'Time from receiving a webhook delivery to its changes being applied',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const signatureFailures = new Counter({
    name: 'kiana_webhook_signature_failures_total',
    help: 'Webhook deliveries refused for a missing or wrong X-Hub-Signature-256 (per process)',
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'kiana_db_query_duration_seconds',
    help: 'Database query durations by statement kind',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });

  let queueSource: (() => Promise<QueueStat[]>) | undefined;
  const queueGauge = (name: string, help: string, pick: (s: QueueStat) => number) => {
    const collect: CollectFunction<Gauge<'kind'>> = async function () {
      this.reset();
      for (const stat of (await queueSource?.()) ?? []) this.set({ kind: stat.kind }, pick(stat));
    };
    return new Gauge({ name, help, labelNames: ['kind'] as const, registers: [registry], collect });
  };
  queueGauge('kiana_jobs_queued', 'Jobs waiting in the shared queue, by kind', (s) => s.queued);
  queueGauge('kiana_jobs_running', 'Jobs claimed by a worker, by kind', (s) => s.running);
  queueGauge(
    'kiana_jobs_oldest_due_age_seconds',
    'How long the oldest due, unclaimed job of each kind has waited',
    (s) => s.oldestDueAgeSeconds,
  );

  const metrics: Metrics = {
    registry,
    observeGraphCall(event) {
      const outcome = event.classification ?? 'ok';
      graphLatency.observe(
        { endpoint: endpointKind(event.method, event.path), outcome },
        event.durationMs / 1000,
      );
      const send = event.method === 'POST' ? sendPath.exec(event.path) : null;
      if (send !== null) {
        const phone = send[1] ?? 'unknown';
        if (event.classification === undefined) metrics.recordMessageSent(phone);
        else metrics.recordMessageFailed(phone, event.metaCode ?? null);
      } else if (event.metaCode !== undefined && isLimitCode(event.metaCode)) {
        limits.inc({ code: String(event.metaCode) });
      }
    },
    recordMessageSent(phoneNumberId) {
      sent.inc({ phone_number_id: phoneNumberId });
    },
    recordMessageFailed(phoneNumberId, code) {
      failed.inc({ phone_number_id: phoneNumberId, code: code === null ? 'none' : String(code) });
      if (code !== null && isLimitCode(code)) limits.inc({ code: String(code) });
    },
    observeQuery(event) {
      const kind = event.query.sql.trimStart().split(/\s/, 1)[0]?.toLowerCase() ?? '';
      queryDuration.observe(
        {
          kind: ['select', 'insert', 'update', 'delete', 'with'].includes(kind) ? kind : 'other',
          outcome: event.level === 'error' ? 'error' : 'ok',
        },
        event.queryDurationMillis / 1000,
      );
    },
    watchBus(bus) {
      // Local events only: on PostgreSQL the relay re-emits other processes' events here,
      // and they count in the process that handled them.
      return bus.onLocalPublish((event: BusEvent) => {
        if (event.name === 'webhooks.event') {
          const p = (event as BusEvent<'webhooks.event'>).payload;
          webhookEvents.inc({ field: p.field, status: p.status });
          intakeLag.observe(Math.max(0, event.at - p.receivedAt) / 1000);
        } else if (event.name === 'webhooks.signature_failure') {
          signatureFailures.inc();
        }
      });
    },
    setQueueSource(source) {
      queueSource = source;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
  return metrics;
}

function isLimitCode(code: number): boolean {
  return (limitCodes as readonly number[]).includes(code);
}
