import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/database';
import { createTestDb } from '../../../../test/test-db';
import { dueQuery, dueRecipients } from './dispatch.repo';
import { insertRunningCampaign, newNumbers } from './dispatch.testkit';

// A number with a paused campaign of many queued recipients, and a second campaign running on
// it: the claim reads the running campaign's due recipients through its own index, never
// walking through the paused one's (the benchmark's second number carried a paused million and
// sent 318 a second instead of 1,100).

const NUMBER = 'pn-claim';
const template = { id: 't1', name: 'hello', language: 'en_US', category: 'MARKETING' };
let db: Db;
let running: string;

beforeAll(async () => {
  db = await createTestDb();
  await insertRunningCampaign(db.kysely, {
    accountId: 'acc',
    phoneNumberId: NUMBER,
    template,
    phones: newNumbers(20_000, 1_000_001),
    status: 'paused',
    now: 1_000,
  });
  running = await insertRunningCampaign(db.kysely, {
    accountId: 'acc',
    phoneNumberId: NUMBER,
    template,
    phones: newNumbers(40, 3_000_001),
    now: 2_000,
  });
  // PostgreSQL plans from statistics (autovacuum would gather them in production).
  if (db.dialect === 'postgres') await sql`analyze campaign_recipients`.execute(db.kysely);
}, 120_000);

afterAll(async () => {
  await db.close();
});

describe('claiming a campaign’s due recipients', () => {
  it('reads only that campaign, in due order', async () => {
    const due = await dueRecipients(
      db.kysely,
      { phoneNumberId: NUMBER, campaignId: running },
      5_000,
      25,
    );
    expect(due).toHaveLength(25);
    expect(new Set(due.map((r) => r.campaignId))).toEqual(new Set([running]));
  });

  it('goes through the campaign’s index, not the number’s', async () => {
    const query = dueQuery(
      db.kysely,
      { phoneNumberId: NUMBER, campaignId: running },
      'queued',
      5_000,
      25,
    ).compile();
    const explain = db.dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const plan = await db.kysely.executeQuery<Record<string, unknown>>({
      ...query,
      sql: `${explain}${query.sql}`,
    });
    const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
    expect(text).toContain('campaign_recipients_campaign_due_idx');
    // Due order comes from the index: no sort of the campaign's rows at every claim.
    expect(text.toLowerCase()).not.toMatch(/temp b-tree|sort/);
  });
});
