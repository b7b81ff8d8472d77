import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, testDialect } from '../../test/test-db';
import { migrateToLatest, migrationStatus } from './migrate';
import type { Db } from './database';

describe(`migrations on ${testDialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb({ migrate: false });
  });
  afterAll(async () => {
    await db.close();
  });

  it('migrates an empty database to head and then finds nothing pending', async () => {
    const before = await migrationStatus(db);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((m) => m.executedAt === undefined)).toBe(true);

    const applied = await migrateToLatest(db);
    expect(applied).toEqual(before.map((m) => m.name));
    expect((await migrationStatus(db)).every((m) => m.executedAt !== undefined)).toBe(true);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('applies each migration once when several migrators race', async () => {
    const fresh = await createTestDb({ migrate: false });
    try {
      const results = await Promise.all([
        migrateToLatest(fresh),
        migrateToLatest(fresh),
        migrateToLatest(fresh),
      ]);
      const total = results.reduce((n, r) => n + r.length, 0);
      expect(total).toBe((await migrationStatus(fresh)).length);
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        fresh.kysely,
      );
      expect(Number(rows.rows[0]?.n)).toBe(total);
    } finally {
      await fresh.close();
    }
  });
});
