import net from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  outgoingEventSchema,
  type OutgoingEvent,
  type OutgoingEventType,
  type IntegrationsSettings,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@kiana/contracts';
import type { z } from 'zod';
import type { webhookEndpointCreateSchema, webhookEndpointUpdateSchema } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../platform/clock';
import type { Secrets } from '../../crypto/secrets';
import type { SettingsStore } from '../../platform/settings/settings';
import type { AuditContext, AuditService } from '../audit/audit.service';
import * as repo from './integrations.repo';
import { allowList, assertPublicUrl } from './integrations.ssrf';
import { allowedPrivateSetting, disableAfterHoursSetting } from './integrations.settings';

/** Enqueues the delivery job of one delivery in the caller's transaction. */
export type EnqueueDelivery = (ex: Executor, deliveryId: string) => Promise<void>;

export interface IntegrationsDeps {
  db: Executor;
  clock: Clock;
  secrets: Secrets;
  settings: SettingsStore;
  audit: AuditService;
  enqueue: EnqueueDelivery;
}

const where = (id: string) => ({ table: 'webhook_endpoints', column: 'secret', id });

/** Endpoint row → API shape: the secret only as `{ isSet, hint }`. */
function toEndpoint(row: repo.EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as OutgoingEventType[],
    state: row.state as WebhookEndpoint['state'],
    secret: { isSet: true, hint: row.secretHint },
    failingSince: row.failingSince,
    lastDeliveryAt: row.lastDeliveryAt,
    lastDeliveryStatus: row.lastDeliveryStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Builds the integrations service: endpoints, the outbox, deliveries and replays. */
export function createIntegrationsService(deps: IntegrationsDeps) {
  const { db, clock, secrets, settings, audit } = deps;

  // On save, a host that does not resolve is the admin's typo (or a name not live yet): a
  // 400 naming the host, not a 500. Delivery treats the same failure as transient.
  const checkUrl = async (url: string): Promise<void> => {
    const allowed = allowList((await settings.get(db, allowedPrivateSetting)).value);
    try {
      await assertPublicUrl(url, allowed);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && /^(ENOTFOUND|EAI_AGAIN|ENODATA|ESERVFAIL)$/.test(code))
        throw new ValidationError(
          `The webhook URL's host ${new URL(url).hostname} could not be resolved (${code})`,
          { field: 'url' },
        );
      throw error;
    }
  };

  const getSettings = async (): Promise<IntegrationsSettings> => {
    const [allowed, hours] = await Promise.all([
      settings.get(db, allowedPrivateSetting),
      settings.get(db, disableAfterHoursSetting),
    ]);
    return { allowedPrivateAddresses: allowed.value, disableAfterHours: hours.value };
  };

  const mustFind = async (ex: Executor, id: string): Promise<repo.EndpointRow> => {
    const row = await repo.findEndpoint(ex, id);
    if (row === undefined) throw new NotFoundError('Webhook endpoint not found');
    return row;
  };

  /**
   * Writes an event to the outbox and one delivery (with its job) per enabled endpoint
   * subscribed to it, on `ex`: call it inside the transaction of the change that causes it.
   */
  async function emitOutgoing(ex: Executor, event: OutgoingEvent): Promise<string> {
    return await emitTo(ex, event, await repo.listEnabledEndpoints(ex));
  }

  /**
   * `emitOutgoing` for many events of one transaction (a webhook batch's statuses): the
   * endpoints are read once, and nothing more happens when none subscribes to any of them.
   */
  async function emitOutgoingAll(ex: Executor, events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const enabled = await repo.listEnabledEndpoints(ex);
    if (enabled.length === 0) return;
    for (const event of events) await emitTo(ex, event, enabled);
  }

  async function emitTo(
    ex: Executor,
    event: OutgoingEvent,
    enabled: readonly repo.EndpointRow[],
  ): Promise<string> {
    const parsed = outgoingEventSchema.parse(event);
    const id = randomUUID();
    const now = clock.now();
    const endpoints = enabled.filter((e) =>
      (JSON.parse(e.events) as string[]).includes(parsed.type),
    );
    // No subscriber: nothing to deliver, and nothing personal kept for no one.
    if (endpoints.length === 0) return id;
    await repo.insertEvent(ex, {
      id,
      type: parsed.type,
      data: JSON.stringify(parsed.data),
      createdAt: now,
    });
    for (const endpoint of endpoints) await addDelivery(ex, endpoint.id, id, now);
    return id;
  }

  async function addDelivery(ex: Executor, endpointId: string, eventId: string, now: number) {
    const deliveryId = randomUUID();
    await repo.insertDelivery(ex, {
      id: deliveryId,
      endpointId,
      eventId,
      status: 'pending',
      attempts: 0,
      createdAt: now,
      lastAttemptAt: null,
    });
    await deps.enqueue(ex, deliveryId);
    return deliveryId;
  }

  return {
    emitOutgoing,
    emitOutgoingAll,

    async list(): Promise<WebhookEndpoint[]> {
      return (await repo.listEndpoints(db)).map(toEndpoint);
    },

    /** Registers an endpoint; the secret (given or generated) is returned here only. */
    async create(
      input: z.infer<typeof webhookEndpointCreateSchema>,
      by: AuditContext,
    ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      await checkUrl(input.url);
      const id = randomUUID();
      const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
      const now = clock.now();
      const row: repo.EndpointRow = {
        id,
        url: input.url,
        description: input.description ?? null,
        events: JSON.stringify([...new Set(input.events)]),
        secret: secrets.seal(secret, where(id)),
        secretHint: secrets.hint(secret).hint,
        state: 'enabled',
        failingSince: null,
        lastDeliveryAt: null,
        lastDeliveryStatus: null,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (tx) => {
        await repo.insertEndpoint(tx, row);
        await audit.record(tx, {
          ...by,
          action: 'integrations.endpoint_create',
          target: { type: 'webhook_endpoint', id },
          details: { url: input.url, events: row.events },
        });
      });
      return { endpoint: toEndpoint(row), secret };
    },

    async update(
      id: string,
      input: z.infer<typeof webhookEndpointUpdateSchema>,
      by: AuditContext,
    ): Promise<WebhookEndpoint> {
      if (input.url !== undefined) await checkUrl(input.url);
      return db.transaction().execute(async (tx) => {
        const row = await mustFind(tx, id);
        const patch: Partial<repo.EndpointRow> = { updatedAt: clock.now() };
        if (input.url !== undefined) patch.url = input.url;
        if (input.description !== undefined) patch.description = input.description;
        if (input.events !== undefined) patch.events = JSON.stringify([...new Set(input.events)]);
        if (input.enabled !== undefined) {
          patch.state = input.enabled ? 'enabled' : 'disabled';
          if (input.enabled) patch.failingSince = null;
        }
        await repo.updateEndpoint(tx, id, patch);
        await audit.record(tx, {
          ...by,
          action: 'integrations.endpoint_update',
          target: { type: 'webhook_endpoint', id },
          details: { url: patch.url, events: patch.events, state: patch.state },
        });
        return toEndpoint({ ...row, ...patch });
      });
    },

    /** Sends an `endpoint.ping` event to this endpoint alone, through the usual delivery. */
    async ping(id: string, by: AuditContext): Promise<{ eventId: string; deliveryId: string }> {
      return db.transaction().execute(async (tx) => {
        await mustFind(tx, id);
        const now = clock.now();
        const eventId = randomUUID();
        await repo.insertEvent(tx, {
          id: eventId,
          type: 'endpoint.ping',
          data: JSON.stringify({ endpointId: id }),
          createdAt: now,
        });
        const deliveryId = await addDelivery(tx, id, eventId, now);
        await audit.record(tx, {
          ...by,
          action: 'integrations.endpoint_ping',
          target: { type: 'webhook_endpoint', id },
        });
        return { eventId, deliveryId };
      });
    },

    /** Delivers an event again by hand: a new delivery of the same event (same event id). */
    async replay(deliveryId: string, by: AuditContext): Promise<{ deliveryId: string }> {
      return db.transaction().execute(async (tx) => {
        const delivery = await repo.findDelivery(tx, deliveryId);
        if (delivery === undefined) throw new NotFoundError('Delivery not found');
        const id = await addDelivery(tx, delivery.endpointId, delivery.eventId, clock.now());
        await audit.record(tx, {
          ...by,
          action: 'integrations.delivery_replay',
          target: { type: 'webhook_endpoint', id: delivery.endpointId },
          details: { deliveryId, eventId: delivery.eventId },
        });
        return { deliveryId: id };
      });
    },

    async deliveries(endpointId: string, limit = 50): Promise<WebhookDelivery[]> {
      await mustFind(db, endpointId);
      const rows = await repo.listDeliveries(db, endpointId, limit);
      const attempts = await repo.listAttempts(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        id: r.id,
        endpointId: r.endpointId,
        eventId: r.eventId,
        eventType: r.eventType as OutgoingEventType,
        status: r.status as WebhookDelivery['status'],
        attempts: r.attempts,
        createdAt: r.createdAt,
        lastAttemptAt: r.lastAttemptAt,
        attemptLog: attempts
          .filter((a) => a.deliveryId === r.id)
          .map(({ deliveryId: _d, ...a }) => a),
      }));
    },

    getSettings,

    /** Saves both settings with their audit record (the allow-list widens the SSRF guard). */
    async setSettings(
      input: IntegrationsSettings,
      by: AuditContext,
    ): Promise<IntegrationsSettings> {
      const bad = input.allowedPrivateAddresses.filter(
        (a) => net.isIP(a.split('/')[0] ?? '') === 0,
      );
      if (bad.length > 0)
        throw new ValidationError('Each entry must be an IP address or a CIDR block', { bad });
      await db.transaction().execute(async (tx) => {
        await settings.set(tx, allowedPrivateSetting, input.allowedPrivateAddresses);
        await settings.set(tx, disableAfterHoursSetting, input.disableAfterHours);
        await audit.record(tx, {
          ...by,
          action: 'integrations.settings',
          details: {
            allowedPrivateAddresses: input.allowedPrivateAddresses.join(' '),
            disableAfterHours: input.disableAfterHours,
          },
        });
      });
      settings.changed(allowedPrivateSetting.key);
      settings.changed(disableAfterHoursSetting.key);
      return getSettings();
    },

    /** The endpoint's secret in clear, for the delivery job only. */
    openSecret: (row: repo.EndpointRow): string => secrets.open(row.secret, where(row.id)),
  };
}

export type IntegrationsService = ReturnType<typeof createIntegrationsService>;
