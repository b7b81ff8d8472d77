import type { KeyObject } from 'node:crypto';
import { Agent, request } from 'undici';
import type { MessagesValue, WebhookEnvelope, WebhookStatus } from '@kiana/contracts';
import type { SimLogger } from '../logger';
import type { FaultSettings, StatusSettings, WebhookSettings } from '../settings';
import type { PhoneNumberDef } from '../state/model';
import { asciiJson, signature, signingKey } from './signing';
import { combinedEnvelope, messagesEnvelope, type PendingChange } from './envelopes';

// Delivers webhooks like Meta: signed POSTs, statuses batched per phone number, retried with
// exponential backoff on a compressed clock when the receiver does not answer 2xx, for up to
// seven (simulated) days; at-least-once, so duplicates are possible (NOTES §3.4).

/** One webhook POST and what happened to it (`GET /_sim/webhooks`). */
export interface DeliveryRecord {
  id: number;
  field: string;
  items: number;
  attempts: number;
  delivered: boolean;
  gaveUp: boolean;
  duplicate: boolean;
  lastStatus?: number;
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
}

interface Job {
  record: DeliveryRecord;
  wabaId: string;
  body: Buffer;
  firstAttemptAt: number;
  onFirstAttempt?: () => void;
}

export interface SenderOptions {
  appSecret: string;
  /** Simulated seconds per real second for retry delays (60 = a 1-minute backoff takes 1 s). */
  clockFactor: number;
  webhookUrl: (wabaId: string) => string | undefined;
  faults: () => FaultSettings;
  statuses: () => StatusSettings;
  webhooks: () => WebhookSettings;
  random: () => number;
  logger: SimLogger;
  timeoutMs?: number;
  concurrency?: number;
}

const MAX_LOG = 5000;
const SEVEN_DAYS_S = 7 * 24 * 3600;

/** The webhook delivery engine of one simulator. */
export class WebhookSender {
  readonly log: DeliveryRecord[] = [];
  private readonly key: KeyObject;
  private readonly wrongKey = signingKey('not-the-app-secret');
  private readonly agent: Agent;
  private readonly queue: Job[] = [];
  private readonly pendingStatuses = new Map<string, PendingChange>();
  /** Timer of the one cross-number batch when `webhooks.combine` is on. */
  private combineTimer: NodeJS.Timeout | undefined;
  private readonly batchTimers = new Map<string, NodeJS.Timeout>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private nextId = 1;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.key = signingKey(options.appSecret);
    this.agent = new Agent({ connections: options.concurrency ?? 32, keepAliveTimeout: 10_000 });
  }

  /** Queues a status for its number's next batch. */
  enqueueStatus(phone: PhoneNumberDef, status: WebhookStatus): void {
    if (this.closed) return;
    const pending = this.pendingOf(phone);
    pending.statuses.push(status);
    if (this.options.webhooks().combine) {
      this.scheduleCombined();
      return;
    }
    const { batchWindowMs, maxBatchSize } = this.options.statuses();
    if (pending.statuses.length >= maxBatchSize || batchWindowMs === 0) {
      this.flushPhone(phone.id);
    } else if (!this.batchTimers.has(phone.id)) {
      this.batchTimers.set(
        phone.id,
        setTimeout(() => this.flushPhone(phone.id), batchWindowMs),
      );
    }
  }

  /**
   * Sends inbound messages (with their contacts): in their own POST, or — when
   * `webhooks.combine` is on — in the next cross-number batch beside statuses of every number.
   */
  sendMessages(phone: PhoneNumberDef, content: Pick<MessagesValue, 'contacts' | 'messages'>): void {
    if (this.closed) return;
    if (!this.options.webhooks().combine) {
      this.send(phone.wabaId, messagesEnvelope(phone, content), 'messages');
      return;
    }
    const pending = this.pendingOf(phone);
    pending.messages.push(...(content.messages ?? []));
    for (const c of content.contacts ?? []) {
      if (!pending.contacts.some((x) => JSON.stringify(x) === JSON.stringify(c)))
        pending.contacts.push(c);
    }
    this.scheduleCombined();
  }

  /** Sends one status at once and resolves after its first delivery attempt. */
  sendStatusNow(phone: PhoneNumberDef, status: WebhookStatus): Promise<void> {
    return new Promise((resolve) => {
      this.enqueueJob(
        phone.wabaId,
        messagesEnvelope(phone, { statuses: [status] }),
        'messages',
        1,
        resolve,
      );
    });
  }

  /**
   * Sends a whole envelope in its own POST (inbound messages, template and account events).
   * `then` runs after its first delivery attempt (to order a follow-up webhook after it).
   */
  send(
    wabaId: string,
    envelope: WebhookEnvelope,
    field: string,
    items = 1,
    then?: () => void,
  ): void {
    this.enqueueJob(wabaId, envelope, field, items, then);
  }

  /** Resolves when nothing is batched, queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Sends every batched status now. */
  flushAll(): void {
    if (this.combineTimer !== undefined || this.options.webhooks().combine) {
      this.flushCombined();
      return;
    }
    for (const phoneId of [...this.pendingStatuses.keys()]) this.flushPhone(phoneId);
  }

  private pendingOf(phone: PhoneNumberDef): PendingChange {
    let pending = this.pendingStatuses.get(phone.id);
    if (pending === undefined) {
      pending = { phone, statuses: [], messages: [], contacts: [] };
      this.pendingStatuses.set(phone.id, pending);
    }
    return pending;
  }

  private scheduleCombined(): void {
    this.combineTimer ??= setTimeout(
      () => this.flushCombined(),
      this.options.statuses().batchWindowMs,
    );
  }

  /**
   * One POST per webhook URL for everything pending: an entry per WABA, a change per number,
   * statuses and messages side by side (Meta batches like this, NOTES §3.2).
   */
  private flushCombined(): void {
    if (this.combineTimer !== undefined) clearTimeout(this.combineTimer);
    this.combineTimer = undefined;
    const pending = [...this.pendingStatuses.values()];
    this.pendingStatuses.clear();
    const byUrl = new Map<string, PendingChange[]>();
    for (const p of pending) {
      const url = this.options.webhookUrl(p.phone.wabaId) ?? '';
      byUrl.set(url, [...(byUrl.get(url) ?? []), p]);
    }
    for (const group of byUrl.values()) {
      const first = group[0];
      if (first === undefined) continue;
      const items = group.reduce((n, p) => n + p.statuses.length + p.messages.length, 0);
      this.enqueueJob(first.phone.wabaId, combinedEnvelope(group), 'messages', items);
    }
  }

  /** Forgets queued work and the delivery log. */
  reset(): void {
    for (const t of this.batchTimers.values()) clearTimeout(t);
    for (const t of this.retryTimers) clearTimeout(t);
    if (this.combineTimer !== undefined) clearTimeout(this.combineTimer);
    this.combineTimer = undefined;
    this.batchTimers.clear();
    this.retryTimers.clear();
    this.pendingStatuses.clear();
    // A dropped job's first attempt never comes: release whoever awaits it (sendStatusNow).
    for (const job of this.queue.splice(0)) job.onFirstAttempt?.();
    this.log.length = 0;
    this.checkIdle();
  }

  /** Stops delivering and closes connections. */
  async close(): Promise<void> {
    this.closed = true;
    this.reset();
    await this.agent.close();
  }

  private flushPhone(phoneId: string): void {
    const timer = this.batchTimers.get(phoneId);
    if (timer !== undefined) clearTimeout(timer);
    this.batchTimers.delete(phoneId);
    const pending = this.pendingStatuses.get(phoneId);
    this.pendingStatuses.delete(phoneId);
    if (pending === undefined || pending.statuses.length === 0) return;
    const envelope = messagesEnvelope(pending.phone, { statuses: pending.statuses });
    this.enqueueJob(pending.phone.wabaId, envelope, 'messages', pending.statuses.length);
  }

  private enqueueJob(
    wabaId: string,
    envelope: WebhookEnvelope,
    field: string,
    items: number,
    onFirstAttempt?: () => void,
  ): void {
    // Late emitters (a template review, a customer reply) after close() send nothing.
    if (this.closed) {
      onFirstAttempt?.();
      return;
    }
    const body = Buffer.from(asciiJson(envelope), 'utf8');
    const record = this.newRecord(field, items, false);
    this.queue.push({ record, wabaId, body, firstAttemptAt: Date.now(), onFirstAttempt });
    this.pump();
  }

  private newRecord(field: string, items: number, duplicate: boolean): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      field,
      items,
      attempts: 0,
      delivered: false,
      gaveUp: false,
      duplicate,
      createdAt: Date.now(),
    };
    this.log.push(record);
    if (this.log.length > MAX_LOG) this.log.splice(0, MAX_LOG / 10);
    return record;
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 32;
    while (!this.closed && this.inFlight < limit && this.queue.length > 0) {
      const job = this.queue.shift();
      if (job === undefined) break;
      this.inFlight += 1;
      void this.attempt(job).finally(() => {
        this.inFlight -= 1;
        this.pump();
        this.checkIdle();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    const { record } = job;
    record.attempts += 1;
    const url = this.options.webhookUrl(job.wabaId);
    const faults = this.options.faults();
    const wrong = faults.wrongSignature > 0 && this.options.random() < faults.wrongSignature;
    let ok = false;
    if (url === undefined) {
      record.lastError = 'no webhook URL configured';
    } else {
      try {
        const res = await request(url, {
          method: 'POST',
          body: job.body,
          dispatcher: this.agent,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'facebookexternalua',
            'x-hub-signature-256': signature(wrong ? this.wrongKey : this.key, job.body),
          },
          headersTimeout: this.options.timeoutMs ?? 10_000,
          bodyTimeout: this.options.timeoutMs ?? 10_000,
        });
        await res.body.dump();
        record.lastStatus = res.statusCode;
        ok = res.statusCode >= 200 && res.statusCode < 300;
      } catch (err) {
        record.lastError = err instanceof Error ? err.message : String(err);
      }
    }
    job.onFirstAttempt?.();
    job.onFirstAttempt = undefined;
    if (ok) {
      record.delivered = true;
      record.deliveredAt = Date.now();
      if (
        !record.duplicate &&
        faults.duplicateWebhook > 0 &&
        this.options.random() < faults.duplicateWebhook
      ) {
        const copy = this.newRecord(record.field, record.items, true);
        this.queue.push({ ...job, record: copy, firstAttemptAt: Date.now() });
      }
      return;
    }
    this.scheduleRetry(job);
  }

  private scheduleRetry(job: Job): void {
    if (this.closed) return;
    const { clockFactor } = this.options;
    // Backoff doubles from 1 s up to 1 h of simulated time; give up after 7 simulated days.
    const delayS = Math.min(2 ** (job.record.attempts - 1), 3600);
    const elapsedS = ((Date.now() - job.firstAttemptAt) / 1000) * clockFactor;
    if (elapsedS + delayS > SEVEN_DAYS_S) {
      job.record.gaveUp = true;
      this.options.logger.warn(
        { delivery: job.record.id, attempts: job.record.attempts },
        'webhook dropped after 7 days of retries',
      );
      return;
    }
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.queue.push(job);
        this.pump();
      },
      (delayS * 1000) / clockFactor,
    );
    this.retryTimers.add(timer);
  }

  private isIdle(): boolean {
    return (
      this.pendingStatuses.size === 0 &&
      this.queue.length === 0 &&
      this.inFlight === 0 &&
      this.retryTimers.size === 0
    );
  }

  private checkIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
