import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../test/test-db';
import { createLogger } from '../logger';
import type { Db } from '../db/database';
import { runSeeds, type SeedStep } from './seeder';

describe(`seeding on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies each step once: a second run adds nothing', async () => {
    let applied = 0;
    const steps: SeedStep[] = [
      {
        key: 'demo.settings',
        apply: async () => {
          applied += 1;
          await db.kysely
            .insertInto('settings')
            .values({ key: 'demo', value: '{}', updatedAt: Date.now() })
            .execute();
        },
      },
    ];
    const logger = createLogger('silent');
    expect(await runSeeds(db, steps, logger)).toEqual(['demo.settings']);
    expect(await runSeeds(db, steps, logger)).toEqual([]);
    expect(applied).toBe(1);
    const rows = await db.kysely.selectFrom('settings').selectAll().execute();
    expect(rows).toHaveLength(1);
  });
});
