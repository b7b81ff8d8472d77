import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { keyringOf } from '../../crypto/keyring';
import { createSecrets, secretColumns } from '../../crypto/secrets';
import { reencryptAll } from '../../crypto/rotate';
import { systemClock } from '../../platform/clock';
import { createSuppression } from './suppression';

describe(`suppression list on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('still matches a suppressed number after the master key is rotated and the old key retired', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = createSuppression({
      db: db.kysely,
      secrets: createSecrets(keyringOf([], '', oldKey)),
      clock: systemClock,
    });
    await before.suppress(['+5511987654321'], 'deletion', null);
    const storedHash = await before.hashOf('+55 11 98765-4321');

    await reencryptAll(db, keyringOf([{ key: oldKey }], '', newKey), secretColumns());

    const after = createSuppression({
      db: db.kysely,
      secrets: createSecrets(keyringOf([], '', newKey)),
      clock: systemClock,
    });
    expect(await after.isSuppressed('+5511987654321')).toBe(true);
    expect(await after.hashOf('+5511987654321')).toBe(storedHash);
    expect(await after.isSuppressed('+5511900000000')).toBe(false);
  });

  it('checks many numbers in one pass and returns exactly the suppressed ones, as given', async () => {
    // Its own database: the installation key of the one above is sealed by another master key.
    const own = await createTestDb();
    onTestFinished(() => own.close());
    const list = createSuppression({
      db: own.kysely,
      secrets: createSecrets(keyringOf([], '', randomBytes(32).toString('base64'))),
      clock: systemClock,
    });
    // 2,500 numbers: three chunks of the batch check.
    const phones = Array.from({ length: 2500 }, (_, i) => `+4477009${String(i).padStart(5, '0')}`);
    const suppressed = [phones[3], phones[1500], phones[2499]].filter((p) => p !== undefined);
    await list.suppress(suppressed, 'deletion', null);
    // The same number written by a person, and the same number twice, are found too.
    const typed = '+44 7700 9000 03';
    const found = await list.suppressedAmong([...phones, typed, phones[1500] ?? '']);
    expect([...found].sort()).toEqual([...suppressed, typed].sort());
    for (const p of [...suppressed, phones[0] ?? '', phones[2000] ?? ''])
      expect(found.has(p)).toBe(await list.isSuppressed(p));
    expect(await list.suppressedAmong([])).toEqual(new Set());
  });
});
