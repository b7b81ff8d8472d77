import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';

/** Which database the current integration project runs on. */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.KIANA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

async function runAsAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new empty database on the suite's PostgreSQL server, and how to drop it. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgUrl');
  const name = `kiana_test_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `create database ${name}`);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    drop: () => runAsAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A fresh, migrated database for one test file: an in-memory SQLite database, or a new
 * database on the suite's PostgreSQL server (dropped again by `close`).
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (testDialect === 'postgres') {
    const created = await createPostgresDatabase();
    const opened = openDatabase({ dialect: 'postgres', connectionString: created.url });
    db = {
      ...opened,
      close: async () => {
        await opened.close();
        await created.drop();
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
): Promise<{ url: string; drop(): Promise<void> }> {
  if (testDialect !== 'postgres')
    return { url: `sqlite:${dataDir}/kiana.db`, drop: async () => {} };
  return createPostgresDatabase();
}
