import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { createAnalyticsFold, type AnalyticsFold } from './analytics.fold';
import { createAnalyticsService, type AnalyticsService } from './analytics.service';

const T = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

/**
 * The rollups' watermark: how far the aggregates reach, moved by every run (even one that
 * found nothing), held back to the last change read while a run stops short, never moved
 * back; unlike `foldedAt`, which stands at the last message's change time.
 */
describe(`analytics watermark on ${testDialect}`, () => {
  let db: Db;
  let fold: AnalyticsFold;
  let service: AnalyticsService;
  let now = T;
  // Each reading of the clock moves it on by 1 ms, so a zero budget stops after one batch.
  const clock = { now: () => now++ };
  const summary = () => service.summary({ from: T - DAY, to: T + DAY, step: 'day' });

  beforeAll(async () => {
    db = await createTestDb();
    fold = createAnalyticsFold({ db, clock });
    service = createAnalyticsService({ db: db.kysely });
    await db.kysely
      .insertInto('contacts')
      .values({ id: 'c', phoneE164: '+14155550101', isOptedOut: 0, createdAt: 1, updatedAt: 1 })
      .execute();
    await db.kysely
      .insertInto('conversations')
      .values({
        id: 'v',
        phoneNumberId: 'pn',
        contactId: 'c',
        lastMessageAt: T,
        unreadCount: 0,
        createdAt: T,
        updatedAt: T,
      })
      .execute();
  });
  afterAll(async () => {
    await db.close();
  });

  it('is null before the first run, then reaches the settled time of a run with nothing to do', async () => {
    expect((await summary()).watermark).toBeNull();
    now = T;
    await fold.run({ settleMs: 5_000 });
    const s = await summary();
    expect(s.watermark).toBe(T - 5_000);
    expect(s.foldedAt).toBeNull();
  });

  it('stops at the last change read while a run ends early, then catches up', async () => {
    await db.kysely
      .insertInto('messages')
      .values(
        [1, 2, 3].map((i) => ({
          id: `m${i}`,
          conversationId: 'v',
          contactId: 'c',
          phoneNumberId: 'pn',
          direction: 'out' as const,
          type: 'text',
          payload: '{"type":"text"}',
          status: 'sent',
          createdAt: T + i * 1_000,
          updatedAt: T + i * 1_000,
        })),
      )
      .execute();
    now = T + 60_000;
    await fold.run({ settleMs: 0, batchSize: 2, budgetMs: 0 });
    let s = await summary();
    expect(s.totals.sent).toBe(2);
    // Every change before m2's is in; another change in m2's millisecond may not be.
    expect(s.watermark).toBe(T + 2_000 - 1);
    expect(s.foldedAt).toBe(T + 2_000);

    now = T + 120_000;
    await fold.run({ settleMs: 0, batchSize: 2 });
    s = await summary();
    expect(s.totals.sent).toBe(3);
    expect(s.watermark).toBe(T + 120_000);
    // The last message's change time stands still; the watermark moved past it.
    expect(s.foldedAt).toBe(T + 3_000);
  });

  it('never moves back, and a rebuild sets it again', async () => {
    now = T + 130_000;
    await fold.run({ settleMs: 60_000 });
    expect((await summary()).watermark).toBe(T + 120_000);

    now = T + 200_000;
    await fold.rebuild({ settleMs: 0 });
    const s = await summary();
    expect(s.totals.sent).toBe(3);
    expect(s.watermark).toBe(T + 200_000);
  });
});
