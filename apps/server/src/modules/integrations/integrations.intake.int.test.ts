import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { createAuditService } from '../audit/audit.service';
import {
  createIntakeHarness,
  inboundEnvelope,
  statusEnvelope,
  type IntakeHarness,
} from '../webhooks/webhooks.testkit';
import { createIntegrationsService } from './integrations.service';
import { integrationsIntakeHandler } from './integrations.intake';
import * as repo from './integrations.repo';
import type { SettingsStore } from '../../platform/settings/settings';

describe(`outgoing events of webhook intake on ${testDialect}`, () => {
  let db: Db;
  let h: IntakeHarness;
  const enqueued: string[] = [];
  const endpointId = 'ep-intake';

  beforeAll(async () => {
    db = await createTestDb();
    const clock = { now: () => Date.now() };
    const service = createIntegrationsService({
      db: db.kysely,
      clock,
      // Emitting neither reads settings nor opens secrets.
      secrets: { seal: (p) => p, open: (p) => p, hint: () => ({ isSet: true, hint: null }) },
      settings: {} as SettingsStore,
      audit: createAuditService({ db: db.kysely, clock }),
      enqueue: async (_ex, id) => {
        enqueued.push(id);
      },
    });
    await repo.insertEndpoint(db.kysely, {
      id: endpointId,
      url: 'https://example.com/hook',
      description: null,
      events: JSON.stringify(['message.received', 'message.status']),
      secret: 'sealed',
      secretHint: null,
      state: 'enabled',
      failingSince: null,
      lastDeliveryAt: null,
      lastDeliveryStatus: null,
      createdAt: 1,
      updatedAt: 1,
    });
    h = await createIntakeHarness(db, { intake: [integrationsIntakeHandler(service)] });
  });
  afterAll(async () => {
    await h.close();
    await db.close();
  });

  it('writes message received and message status events with the intake transaction', async () => {
    const res = await h.post(
      inboundEnvelope({
        from: '15550003333',
        id: 'wamid.outhooks-in-1',
        timestamp: '1767800000',
        type: 'text',
        text: { body: 'hello' },
      }),
    );
    expect(res.statusCode).toBe(200);
    await h.post(
      statusEnvelope([
        {
          id: 'wamid.outhooks-out-1',
          status: 'delivered',
          timestamp: '1767800001',
          recipient_id: '15550003333',
        },
      ]),
    );
    await h.background.drain(5_000);
    const deliveries = await repo.listDeliveries(db.kysely, endpointId, 10);
    expect(deliveries.map((d) => d.eventType).sort()).toEqual([
      'message.received',
      'message.status',
    ]);
    expect(enqueued.sort()).toEqual(deliveries.map((d) => d.id).sort());
    const received = deliveries.find((d) => d.eventType === 'message.received');
    const event = await repo.findEvent(db.kysely, received?.eventId ?? '');
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ waId: '15550003333', text: 'hello' });
  });
});
