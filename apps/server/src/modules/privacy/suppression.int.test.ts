import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
