import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpoint } from '../modules/privacy/registry.repo';
import { openDatabase, type Db } from './database';
import { startCheckpointer } from './sqlite-checkpointer';

/** The WAL copied into the database file on a thread of its own (db/sqlite-checkpointer.ts). */
describe('background WAL checkpoint', () => {
  let dir = '';
  const open: Db[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fileDb(checkpointInBackground: boolean) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-ckpt-'));
    const file = path.join(dir, 'kiana.db');
    const db = openDatabase({ dialect: 'sqlite', file }, { checkpointInBackground });
    open.push(db);
    await sql`create table t (id integer primary key, body text not null)`.execute(db.kysely);
    return { db, file };
  }

  /** Commits `n` transactions of 50 rows of 200 bytes each: ~n × 3 pages of WAL. */
  async function write(db: Db, n: number, from = 0) {
    for (let i = 0; i < n; i++)
      await db.kysely.transaction().execute(async (tx) => {
        for (let j = 0; j < 50; j++)
          await sql`insert into t (id, body) values (${from + i * 50 + j}, ${'x'.repeat(200)})`.execute(
            tx,
          );
      });
  }

  it('copies the WAL into the database file off the event loop, and the WAL starts over', async () => {
    const { db, file } = await fileDb(true);
    const sizeBefore = fs.statSync(file).size;
    await write(db, 40);
    // The app's own automatic checkpoint (40,000 frames) has not run: the rows are in the WAL.
    expect(fs.statSync(file).size).toBe(sizeBefore);
    const pass = await db.checkpointer!.passNow();
    expect(pass.log).toBeGreaterThan(40);
    expect(pass.checkpointed).toBe(pass.log);
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 40 * 50 * 200);
    // Everything was copied and no reader holds the old frames: the next commit writes the
    // WAL from its beginning, so the next pass finds only that commit's frames.
    await write(db, 1, 10_000);
    const next = await db.checkpointer!.passNow();
    expect(next.log).toBeLessThan(10);
    expect(next.checkpointed).toBe(next.log);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely);
    expect(rows.rows[0]?.n).toBe(41 * 50);
  });

  it('runs by itself every interval, and stops on close', async () => {
    const { db, file } = await fileDb(false);
    await write(db, 10);
    const thread = startCheckpointer(file, { intervalMs: 20 });
    await expect.poll(() => thread.last?.passes ?? 0, { timeout: 5_000 }).toBeGreaterThan(1);
    expect(thread.last?.checkpointed).toBe(thread.last?.log);
    await thread.close();
    const passes = thread.last?.passes ?? 0;
    await new Promise((r) => setTimeout(r, 100));
    expect(thread.last?.passes).toBe(passes);
  });

  it('an erasure still truncates the WAL while the thread checkpoints beside it', async () => {
    const { db, file } = await fileDb(false);
    // A pass every millisecond: the erasure's TRUNCATE often finds one running and retries.
    const thread = startCheckpointer(file, { intervalMs: 1 });
    try {
      for (let round = 0; round < 5; round++) {
        await write(db, 20, round * 1_000);
        await checkpoint(db.kysely);
        expect(fs.statSync(`${file}-wal`).size).toBe(0);
      }
    } finally {
      await thread.close();
    }
  });

  it('keeps every row across a close and a reopen', async () => {
    const { db, file } = await fileDb(true);
    await write(db, 20);
    await db.close();
    open.splice(0);
    const again = openDatabase({ dialect: 'sqlite', file }, { checkpointInBackground: true });
    open.push(again);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(again.kysely);
    expect(rows.rows[0]?.n).toBe(1_000);
  });
});
