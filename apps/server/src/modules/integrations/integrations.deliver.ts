import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineJobKind } from '../../platform/jobs/jobs.kind';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../platform/clock';
import type { SettingsStore } from '../../platform/settings/settings';
import type { AuditService } from '../audit/audit.service';
import { systemActor } from '../audit/audit.service';
import * as repo from './integrations.repo';
import type { IntegrationsService } from './integrations.service';
import type { OutgoingTransport } from './integrations.transport';
import { allowList, assertPublicUrl, ForbiddenAddress } from './integrations.ssrf';
import { allowedPrivateSetting, disableAfterHoursSetting } from './integrations.settings';

/** Deliveries are retried for this long after they were created, then given up. */
export const DELIVERY_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Retry delays: 30 s doubling to a 2 h cap, ±20 % jitter so that endpoints coming back do not
 * get every backlog at the same instant. 30 attempts outlast the 24 h window, which the job
 * enforces itself.
 */
export function deliveryBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2 * 60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

class RetryLater extends Error {}

/** The job kind that makes one attempt of a delivery and decides what follows. */
export function deliverJobKind(deps: {
  db: Executor;
  clock: Clock;
  settings: SettingsStore;
  audit: AuditService;
  transport: OutgoingTransport;
  service: () => IntegrationsService;
}) {
  const { db, clock, settings } = deps;

  const finish = async (deliveryId: string, status: 'failed' | 'delivered') =>
    repo.updateDelivery(db, deliveryId, { status });

  return defineJobKind({
    kind: 'integrations.deliver',
    payload: z.object({ deliveryId: z.string() }),
    maxAttempts: 30,
    backoffMs: (attempt) => deliveryBackoffMs(attempt),
    async run({ deliveryId }) {
      const delivery = await repo.findDelivery(db, deliveryId);
      if (delivery === undefined || delivery.status !== 'pending') return;
      const endpoint = await repo.findEndpoint(db, delivery.endpointId);
      const event = await repo.findEvent(db, delivery.eventId);
      // Gone (erased, deleted) or switched off: nothing to send, nothing to retry.
      if (endpoint === undefined || event === undefined || endpoint.state !== 'enabled')
        return finish(deliveryId, 'failed');
      const now = clock.now();
      if (now - delivery.createdAt > DELIVERY_WINDOW_MS) return finish(deliveryId, 'failed');

      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        time: new Date(event.createdAt).toISOString(),
        data: JSON.parse(event.data) as unknown,
      });
      const allowed = allowList((await settings.get(db, allowedPrivateSetting)).value);
      let result;
      let refused = false;
      try {
        await assertPublicUrl(endpoint.url, allowed);
        result = await deps.transport.post({
          url: endpoint.url,
          secret: deps.service().openSecret(endpoint),
          eventId: event.id,
          eventType: event.type,
          body,
          nowMs: now,
        });
      } catch (e) {
        if (!(e instanceof ForbiddenAddress)) throw e;
        // Permanent: the address would be refused again; an admin fixes the URL or allows it.
        refused = true;
        result = { httpStatus: null, error: e.message, responseExcerpt: null, latencyMs: 0 };
      }
      const ok = result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
      const disableAfterMs = (await settings.get(db, disableAfterHoursSetting)).value * 3_600_000;

      const retry = await db.transaction().execute(async (tx) => {
        await repo.insertAttempt(tx, { id: randomUUID(), deliveryId, at: now, ...result });
        const status = ok ? 'delivered' : refused ? 'failed' : 'pending';
        await repo.updateDelivery(tx, deliveryId, {
          status,
          attempts: delivery.attempts + 1,
          lastAttemptAt: now,
        });
        const failingSince = ok ? null : (endpoint.failingSince ?? now);
        const disable = !ok && now - (failingSince ?? now) >= disableAfterMs;
        await repo.updateEndpoint(tx, endpoint.id, {
          failingSince,
          lastDeliveryAt: now,
          lastDeliveryStatus: ok ? 'delivered' : String(result.httpStatus ?? 'error'),
          ...(disable ? { state: 'auto_disabled', updatedAt: now } : {}),
        });
        if (disable) {
          // The alert: a failure in the security log, written with the state change.
          await deps.audit.record(tx, {
            actor: systemActor('integrations.deliver'),
            action: 'integrations.endpoint_auto_disabled',
            outcome: 'failure',
            target: { type: 'webhook_endpoint', id: endpoint.id },
            details: { url: endpoint.url, failingSince },
          });
          await repo.updateDelivery(tx, deliveryId, { status: 'failed' });
        }
        return status === 'pending' && !disable;
      });
      // Throwing hands the job back to the queue with the back-off above.
      if (retry)
        throw new RetryLater(`Delivery failed: ${result.httpStatus ?? result.error ?? ''}`);
    },
  });
}
