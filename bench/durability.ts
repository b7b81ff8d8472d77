/**
 * What `synchronous = FULL` costs a webhook-intake commit, measured in the same run as the
 * intake figures (a before/after across runs mixes in the machine's load). A scratch SQLite
 * file in WAL mode, as the app opens it, takes transactions of `batch` rows shaped like stored
 * webhook bodies, alternating rounds under NORMAL (the app's default) and FULL (what
 * `durableTransaction` raises intake commits to); the ratio is the share of NORMAL's commit
 * rate that FULL keeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { median } from './bench.lib';

export interface DurabilityCost {
  normalCommitsPerSec: number;
  fullCommitsPerSec: number;
  /** FULL's commit rate as a share of NORMAL's (1 = free). */
  fullToNormalRatio: number;
}

export function measureDurabilityCost(opts: {
  batch: number;
  rounds: number;
  seconds: number;
}): DurabilityCost {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiana-durability-'));
  const db = new Database(path.join(dir, 'scratch.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.exec('create table events (id text primary key, received_at integer, body text)');
    const insert = db.prepare('insert into events (id, received_at, body) values (?, ?, ?)');
    const body = JSON.stringify({ object: 'whatsapp_business_account', pad: 'x'.repeat(600) });
    const commit = db.transaction(() => {
      for (let i = 0; i < opts.batch; i++) insert.run(randomUUID(), Date.now(), body);
    });
    const rate = (mode: 'NORMAL' | 'FULL'): number => {
      db.pragma(`synchronous = ${mode}`);
      const end = performance.now() + opts.seconds * 1000;
      let commits = 0;
      const start = performance.now();
      while (performance.now() < end) {
        commit();
        commits++;
      }
      return commits / ((performance.now() - start) / 1000);
    };
    const normal: number[] = [];
    const full: number[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      normal.push(rate('NORMAL'));
      full.push(rate('FULL'));
      console.log(
        `  round ${round}  commits/s of ${opts.batch} rows: NORMAL ${Math.round(normal.at(-1) ?? 0)}  FULL ${Math.round(full.at(-1) ?? 0)}`,
      );
    }
    const n = median(normal);
    const f = median(full);
    return {
      normalCommitsPerSec: Math.round(n),
      fullCommitsPerSec: Math.round(f),
      fullToNormalRatio: Number((f / n).toFixed(3)),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
