import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';

/** Which database the current integration project runs on. */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.KIANA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file: an in-memory SQLite database, or a new
 * database on the suite's PostgreSQL server (dropped again by `close`).
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (testDialect === 'postgres') {
    const adminUrl = inject('pgUrl');
    const name = `kiana_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const opened = openDatabase({
      dialect: 'postgres',
      connectionString: adminUrl.replace(/\/postgres$/, `/${name}`),
    });
    db = {
      ...opened,
      close: async () => {
        await opened.close();
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  } else {
    db = openDatabase({ dialect: 'sqlite', file: ':memory:' });
  }
  if (options.migrate ?? true) await migrateToLatest(db);
  return db;
}

/** A connection string for a fresh empty database, for tests that start a server process. */
export async function createTestDatabaseUrl(
  dataDir: string,
): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  if (testDialect !== 'postgres')
    return { url: `sqlite:${dataDir}/kiana.db`, drop: async () => {} };
  const adminUrl = inject('pgUrl');
  const name = `kiana_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
