import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/database';
import { createTestDb, testDialect } from '../../../../test/test-db';
import type { IntakeChange, IntakeContext } from '../../webhooks/webhooks.intake';
import { readCounts } from '../campaigns.counts.repo';
import { campaignsIntakeHandler } from './dispatch.intake';
import * as repo from './dispatch.repo';
import { insertRunningCampaign, newNumbers, statusesOf } from './dispatch.testkit';

// Status webhooks move campaign recipients inside the intake transaction: matched by the
// attempt id in biz_opaque_callback_data, forward only, duplicates and any order giving one
// result, and a `failed` status through the dispatcher's policy.

const NOW = Date.parse('2026-06-01T10:00:00Z');
const DAY = 24 * 3_600_000;
let db: Db;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const context = (): IntakeContext => ({
  note: () => {},
  publish: () => {},
  afterCommit: () => {},
  received: [],
});

function status(
  attemptId: string,
  s: 'sent' | 'delivered' | 'read' | 'failed',
  atSec: number,
  code?: number,
): Record<string, unknown> {
  return {
    id: `wamid.${attemptId}`,
    status: s,
    timestamp: String(atSec),
    recipient_id: '16507000001',
    biz_opaque_callback_data: `c:${attemptId}`,
    ...(code === undefined ? {} : { errors: [{ code, title: `error ${code}` }] }),
  };
}

function change(statuses: Record<string, unknown>[]): IntakeChange {
  return {
    eventId: randomUUID(),
    accountId: 'acc',
    wabaId: 'waba',
    field: 'messages',
    value: { metadata: { phone_number_id: 'pn-1' }, statuses },
  };
}

/** A running campaign on number pn-1 to `phones`, and its recipients as the dispatcher claims them. */
async function queuedCampaign(phones: string[]) {
  const campaignId = await insertRunningCampaign(db.kysely, {
    accountId: 'acc',
    phoneNumberId: 'pn-1',
    template: { id: 't', name: 'hello_world', language: 'en_US', category: 'MARKETING' },
    phones,
    now: NOW,
  });
  const due = await repo.dueRecipients(db.kysely, { phoneNumberId: 'pn-1', campaignId }, NOW, 10);
  return { campaignId, due };
}

describe(`status webhooks → campaign recipients on ${testDialect}`, () => {
  it('applies statuses forward only, once, and failures by policy', async () => {
    const { campaignId, due } = await queuedCampaign(newNumbers(4));
    const attempts: string[] = [];
    await db.kysely.transaction().execute(async (tx) => {
      const moves = new repo.CountMoves();
      for (const r of due) {
        const id = randomUUID();
        attempts.push(id);
        expect(await repo.markSending(tx, r, id, 1, NOW)).toBe(true);
        moves.move(campaignId, 'queued', 'sending');
      }
      await moves.apply(tx);
    });
    const [a, b, c, d] = attempts as [string, string, string, string];
    const handler = campaignsIntakeHandler({ now: () => NOW });
    const t = NOW / 1000;
    // a: delivered before sent, then duplicates and a late `sent`; b: 131049; c: 131026.
    await db.kysely
      .transaction()
      .execute((tx) =>
        handler.apply(
          tx,
          [
            change([status(a, 'delivered', t + 2), status(b, 'failed', t + 1, 131049)]),
            change([status(a, 'sent', t + 1), status(a, 'delivered', t + 2)]),
            change([status(c, 'failed', t + 1, 131026), status(a, 'sent', t + 1)]),
          ],
          context(),
        ),
      );
    // A duplicate delivery of the whole batch changes nothing.
    await db.kysely
      .transaction()
      .execute((tx) =>
        handler.apply(
          tx,
          [change([status(a, 'delivered', t + 2), status(a, 'sent', t + 1)])],
          context(),
        ),
      );
    const rows = await db.kysely
      .selectFrom('campaignRecipients')
      .selectAll()
      .where('campaignId', '=', campaignId)
      .execute();
    const byAttempt = new Map(rows.map((r) => [r.attemptId, r]));
    expect(byAttempt.get(a)).toMatchObject({
      status: 'delivered',
      sentAt: (t + 1) * 1000,
      deliveredAt: (t + 2) * 1000,
      wamid: `wamid.${a}`,
    });
    expect(byAttempt.get(b)).toMatchObject({ status: 'deferred', reason: 'retry_24h' });
    expect(Number(byAttempt.get(b)?.dueAt)).toBeGreaterThanOrEqual(NOW + DAY);
    expect(byAttempt.get(c)).toMatchObject({
      status: 'failed',
      reason: 'not_on_whatsapp',
      errorCode: 131026,
    });
    // `read` after `failed` does not resurrect it; `failed` after `delivered` does not undo it.
    await db.kysely
      .transaction()
      .execute((tx) =>
        handler.apply(
          tx,
          [change([status(c, 'read', t + 5), status(a, 'failed', t + 6, 131000)])],
          context(),
        ),
      );
    // d: 131048 (spam rate limit) pauses every campaign of the number; d goes back to the queue.
    await db.kysely
      .transaction()
      .execute((tx) =>
        handler.apply(tx, [change([status(d, 'failed', t + 3, 131048)])], context()),
      );
    const after = await statusesOf(db.kysely, campaignId);
    expect(after).toEqual({ delivered: 1, deferred: 1, failed: 1, queued: 1 });
    const counts = await readCounts(db.kysely, campaignId);
    for (const [s, n] of Object.entries(after)) expect(counts[s as keyof typeof counts], s).toBe(n);
    expect(counts.sending).toBe(0);
    const campaign = await db.kysely
      .selectFrom('campaigns')
      .select(['status', 'pauseReason'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(campaign).toEqual({ status: 'paused', pauseReason: 'spam_limit_131048' });
  });

  it("keeps the send's own time within the second a status names, and takes an earlier second", async () => {
    const { campaignId, due } = await queuedCampaign(newNumbers(2, 7_100_001));
    const [a, b] = [randomUUID(), randomUUID()];
    const t = NOW / 1000;
    // Both answered already: `sent`, stored to the millisecond at t + 1.4 s.
    for (const [r, attemptId] of due.map((r, i) => [r, [a, b][i] as string] as const))
      await db.kysely
        .updateTable('campaignRecipients')
        .set({ status: 'sent', attemptId, wamid: `wamid.${attemptId}`, sentAt: NOW + 1_400 })
        .where('id', '=', r.id)
        .execute();
    await db.kysely
      .transaction()
      .execute((tx) =>
        campaignsIntakeHandler({ now: () => NOW }).apply(
          tx,
          [change([status(a, 'sent', t + 1), status(b, 'sent', t)])],
          context(),
        ),
      );
    const rows = await db.kysely
      .selectFrom('campaignRecipients')
      .select(['attemptId', 'sentAt'])
      .where('campaignId', '=', campaignId)
      .execute();
    const sentAt = new Map(rows.map((r) => [r.attemptId, r.sentAt]));
    // a: Meta's whole second t + 1 holds the stored time; b: Meta's t is a second earlier.
    expect(sentAt.get(a)).toBe(NOW + 1_400);
    expect(sentAt.get(b)).toBe(NOW);
  });
});
