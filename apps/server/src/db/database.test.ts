import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database';

/** Finding 10 of the outside probe: the database files are private to the server's user. */
describe('SQLite file permissions', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

  it('creates the database, WAL and SHM files 0600, whatever the umask', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-perm-'));
    const file = path.join(dir, 'nested', 'kiana.db');
    const previous = process.umask(0o022);
    try {
      const db = openDatabase({ dialect: 'sqlite', file });
      await sql`create table t (x integer)`.execute(db.kysely);
      await sql`insert into t values (1)`.execute(db.kysely);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      await db.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens the files of an existing installation', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-perm-'));
    const file = path.join(dir, 'kiana.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const db = openDatabase({ dialect: 'sqlite', file });
    await sql`create table t (x integer)`.execute(db.kysely);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    await db.close();
  });
});
