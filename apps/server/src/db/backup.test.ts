import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrateToLatest } from './migrate';
import { backupSqlite } from './backup';

describe('SQLite online backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-backup-'));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies committed rows (still in the WAL) while the database stays open, and refuses to overwrite', async () => {
    const file = path.join(dir, 'kiana.db');
    const db = openDatabase({ dialect: 'sqlite', file });
    try {
      await migrateToLatest(db);
      await db.kysely.insertInto('seedRuns').values({ key: 'backed-up', appliedAt: 1 }).execute();
      const target = path.join(dir, 'copies', 'kiana-backup.db');
      await backupSqlite(file, target);

      const copy = new SQLite(target, { readonly: true });
      const row = copy.prepare('select key from seed_runs where key = ?').get('backed-up');
      copy.close();
      expect(row).toEqual({ key: 'backed-up' });
      await expect(backupSqlite(file, target)).rejects.toThrow('already exists');
    } finally {
      await db.close();
    }
  });
});
