import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { findContactById, upsertContactByWaId } from './contacts.repo';

describe(`contacts repo on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps the latest inbound time when an older message arrives late, and fills it when unset', async () => {
    const base = { waId: '5511987654321', phoneE164: '+5511987654321', profileName: 'Ana' };
    const id = await upsertContactByWaId(db.kysely, { ...base, inboundAt: null, now: 1 });
    expect((await findContactById(db.kysely, id))?.lastInboundAt).toBeNull();
    await upsertContactByWaId(db.kysely, { ...base, inboundAt: 2_000, now: 2 });
    await upsertContactByWaId(db.kysely, { ...base, inboundAt: 1_000, now: 3 });
    await upsertContactByWaId(db.kysely, { ...base, inboundAt: null, now: 4 });
    expect((await findContactById(db.kysely, id))?.lastInboundAt).toBe(2_000);
    await upsertContactByWaId(db.kysely, { ...base, inboundAt: 3_000, now: 5 });
    expect((await findContactById(db.kysely, id))?.lastInboundAt).toBe(3_000);
  });
});
