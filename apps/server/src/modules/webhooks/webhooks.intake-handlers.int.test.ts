import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import { createTestDb, testDialect } from '../../../test/test-db';
import { findMessageByWamid } from '../conversations/conversations.repo';
import { createContactsService } from '../contacts/contacts.service';
import { systemActor } from '../audit/audit.service';
import type { IntakeHandler } from './webhooks.intake';
import { createIntakeHarness, inboundEnvelope, type IntakeHarness } from './webhooks.testkit';

let db: Db;
let h: IntakeHarness | undefined;
let seq = 0;
const wamid = () => `wamid.handlers-${Date.now()}-${(seq += 1)}`;
const ts = () => String(Math.floor(Date.now() / 1000));

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Two handlers registered after the real ones: `first` writes a contact through the
 * transaction it is given, `second` reads it back through that transaction and throws
 * while `fail.on` is set.
 */
function probeHandlers(waId: string, fail: { on: boolean }) {
  const contacts = createContactsService({ now: () => Date.now() });
  const calls: string[] = [];
  const seen: { received: string[]; firstWrite: boolean }[] = [];
  const first: IntakeHandler = {
    name: 'probe.first',
    fields: ['messages'],
    async apply(tx, changes, context) {
      calls.push('first');
      seen.push({ received: context.received.map((m) => m.messageId), firstWrite: false });
      await contacts.touchFromInbound(tx, { waId, profileName: 'Probe', at: Date.now() });
    },
  };
  const second: IntakeHandler = {
    name: 'probe.second',
    fields: ['messages'],
    async apply(tx) {
      calls.push('second');
      const last = seen.at(-1);
      if (last !== undefined) last.firstWrite = (await contacts.findByWaId(tx, waId)) !== undefined;
      if (fail.on) throw new Error('second handler refuses');
    },
  };
  return { handlers: [first, second], calls, seen, contacts };
}

async function eventOf(id: string) {
  return db.kysely
    .selectFrom('webhookEvents')
    .select(['id', 'status', 'error'])
    .where('search', 'like', `%${id}%`)
    .executeTakeFirstOrThrow();
}

describe(`webhook intake handlers on ${testDialect}`, () => {
  it('runs registered handlers in registration order, each inside the intake transaction', async () => {
    const waId = '16505551001';
    const probe = probeHandlers(waId, { on: false });
    h = await createIntakeHarness(db, { intake: probe.handlers });
    const id = wamid();
    const res = await h.post(
      inboundEnvelope({
        from: '16505551000',
        id,
        timestamp: ts(),
        type: 'text',
        text: { body: 'hi' },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(probe.calls).toEqual(['first', 'second']);
    const stored = await findMessageByWamid(db.kysely, id);
    // The conversations handler, registered before, had stored the message; `second` saw
    // `first`'s uncommitted write through the same transaction.
    expect(probe.seen).toEqual([{ received: [stored?.id], firstWrite: true }]);
    expect(await probe.contacts.findByWaId(db.kysely, waId)).toBeDefined();
    expect((await eventOf(id)).status).toBe('processed');
  });

  it("rolls back an earlier handler's write and the batch's events when a later handler throws", async () => {
    const waId = '16505551002';
    const fail = { on: true };
    const probe = probeHandlers(waId, fail);
    h = await createIntakeHarness(db, { intake: probe.handlers });
    const id = wamid();
    const res = await h.post(
      inboundEnvelope({
        from: '16505551003',
        id,
        timestamp: ts(),
        type: 'text',
        text: { body: 'x' },
      }),
    );
    // Stored alone and answered 200; then retried on its own, where it fails again.
    expect(res.statusCode).toBe(200);
    await h.background.drain(5_000);
    expect(probe.calls).toEqual(['first', 'second', 'first', 'second']);
    expect(probe.seen.map((s) => s.firstWrite)).toEqual([true, true]);
    expect(await probe.contacts.findByWaId(db.kysely, waId)).toBeUndefined();
    expect(await findMessageByWamid(db.kysely, id)).toBeUndefined();
    expect(h.events.some((e) => e.name === 'messages.received')).toBe(false);
    const event = await eventOf(id);
    expect(event).toMatchObject({ status: 'failed' });
    expect(event.error).toContain('second handler refuses');

    fail.on = false;
    const replayed = await h.service.replay(event.id, {
      actor: systemActor('test'),
      ip: null,
      userAgent: null,
    });
    expect(replayed.status).toBe('processed');
    expect(await probe.contacts.findByWaId(db.kysely, waId)).toBeDefined();
    expect(await findMessageByWamid(db.kysely, id)).toBeDefined();
    expect(h.events.some((e) => e.name === 'messages.received')).toBe(true);
  });
});
