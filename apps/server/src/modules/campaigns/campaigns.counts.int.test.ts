import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientStatus } from '@kiana/contracts';
import { recipientStatuses } from '@kiana/contracts';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import {
  addRecipients,
  adjustCounts,
  moveRecipients,
  readCounts,
  readCountsOf,
} from './campaigns.counts.repo';

/** A seeded PRNG, so a failure is reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function groupBy(db: Db, campaignId: string): Promise<Record<RecipientStatus, number>> {
  const rows = await db.kysely
    .selectFrom('campaignRecipients')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy('status')
    .execute();
  const out = Object.fromEntries(recipientStatuses.map((s) => [s, 0])) as Record<
    RecipientStatus,
    number
  >;
  for (const r of rows) out[r.status as RecipientStatus] = Number(r.n);
  return out;
}

describe(`campaign counts on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('matches a GROUP BY of the recipients after random moves in transactions', async () => {
    const random = prng(15);
    const campaignId = 'cmp-random';
    const now = 1_780_000_000_000;
    await db.kysely.transaction().execute(async (tx) => {
      const rows = Array.from({ length: 300 }, (_, i) => ({
        campaignId,
        phoneNumberId: 'pn-1',
        phoneE164: `+1555000${String(i).padStart(4, '0')}`,
        status: 'queued',
        dueAt: now,
        createdAt: now,
        updatedAt: now,
      }));
      await tx.insertInto('campaignRecipients').values(rows).execute();
      await addRecipients(tx, campaignId, 'queued', rows.length);
    });
    for (let round = 0; round < 60; round++) {
      const from = recipientStatuses[Math.floor(random() * recipientStatuses.length)]!;
      const to = recipientStatuses[Math.floor(random() * recipientStatuses.length)]!;
      const take = 1 + Math.floor(random() * 40);
      // Some rounds roll back: their count changes must vanish with the row changes.
      const rollBack = random() < 0.2;
      await db.kysely
        .transaction()
        .execute(async (tx) => {
          const ids = (
            await tx
              .selectFrom('campaignRecipients')
              .select('id')
              .where('campaignId', '=', campaignId)
              .where('status', '=', from)
              .orderBy('id')
              .limit(take)
              .execute()
          ).map((r) => r.id);
          if (ids.length === 0) return;
          const result = await tx
            .updateTable('campaignRecipients')
            .set({ status: to, updatedAt: now + round })
            .where('id', 'in', ids)
            .executeTakeFirst();
          await moveRecipients(tx, campaignId, from, to, Number(result.numUpdatedRows));
          if (rollBack) throw new Error('roll back');
        })
        .catch((e: unknown) => {
          if (!(e instanceof Error && e.message === 'roll back')) throw e;
        });
    }
    const counts = await readCounts(db.kysely, campaignId);
    expect(counts).toEqual(await groupBy(db, campaignId));
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(300);
    // The moves really spread the recipients (the comparison is not of two untouched maps).
    expect(Object.values(counts).filter((n) => n > 0).length).toBeGreaterThan(3);
  });

  it('applies several deltas at once and reads every status, 0 when absent', async () => {
    await addRecipients(db.kysely, 'cmp-b', 'queued', 10);
    await adjustCounts(db.kysely, 'cmp-b', { queued: -4, sending: 4 });
    await moveRecipients(db.kysely, 'cmp-b', 'sending', 'sent', 3);
    await moveRecipients(db.kysely, 'cmp-b', 'sent', 'sent', 3);
    const counts = await readCounts(db.kysely, 'cmp-b');
    expect(counts).toMatchObject({ queued: 6, sending: 1, sent: 3, failed: 0, unknown: 0 });
    const many = await readCountsOf(db.kysely, ['cmp-b', 'cmp-none']);
    expect(many.get('cmp-b')?.sent).toBe(3);
    expect(Object.values(many.get('cmp-none') ?? {}).every((n) => n === 0)).toBe(true);
  });
});
