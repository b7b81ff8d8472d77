/**
 * Durable jobs: enqueue and claim-and-complete rates of no-op jobs, each beside the
 * database's raw single-row insert rate (one autocommitted insert at a time, measured in the
 * same round) as the ceiling.
 * - SQLite: one process (the supported shape), a file database in WAL mode.
 * - PostgreSQL: a throwaway server from the test harness (fsync off, so figures are CPU and
 *   round trips, not disk); two processes (bench/jobs.worker.ts) claim the same queue at once.
 * `duplicates` counts jobs completed more than once (must be 0).
 * Extra flags as positionals: `sqliteJobs=3000 pgJobs=6000`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase, type Db } from '../apps/server/src/db/database';
import { migrateToLatest } from '../apps/server/src/db/migrate';
import { createLogger } from '../apps/server/src/logger';
import { systemClock } from '../apps/server/src/platform/clock';
import { JobRegistry } from '../apps/server/src/platform/jobs/jobs.registry';
import { JobQueue } from '../apps/server/src/platform/jobs/jobs.queue';
import { JobRunner } from '../apps/server/src/platform/jobs/jobs.runner';
import { startTempPostgres } from '../apps/server/test/postgres-server';
import { median, printVersus, type Benchmark } from './bench.lib';

const here = path.dirname(fileURLToPath(import.meta.url));
const noop = { kind: 'bench.noop', payload: z.object({}) };

function flag(args: string[], name: string, fallback: number): number {
  const v = args.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
  return v === undefined ? fallback : Number(v);
}

async function rate(n: number, step: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await step(i);
  return n / ((performance.now() - started) / 1000);
}

async function rawInserts(db: Db, n: number): Promise<number> {
  await sql`drop table if exists bench_raw`.execute(db.kysely);
  await sql`create table bench_raw (id text primary key, v text not null)`.execute(db.kysely);
  return await rate(n, (i) =>
    sql`insert into bench_raw (id, v) values (${`r${i}`}, '{}')`.execute(db.kysely),
  );
}

async function enqueueAll(db: Db, n: number): Promise<number> {
  await sql`delete from jobs`.execute(db.kysely);
  const registry = new JobRegistry();
  const queue = new JobQueue({ db, clock: systemClock, registry });
  queue.register({ ...noop, run: async () => {} });
  return await rate(n, () => queue.enqueueByName('bench.noop', {}));
}

async function sqliteRound(
  n: number,
): Promise<{ raw: number; enqueue: number; jobs: number; dup: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-jobs-'));
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'kiana.db') });
  try {
    await migrateToLatest(db);
    const raw = await rawInserts(db, n);
    const enqueue = await enqueueAll(db, n);
    const seen = new Map<string, number>();
    const registry = new JobRegistry();
    registry.register({
      ...noop,
      run: async (_p, ctx) => void seen.set(ctx.jobId, (seen.get(ctx.jobId) ?? 0) + 1),
    });
    const runner = new JobRunner(
      { db, clock: systemClock, logger: createLogger('warn'), registry },
      { concurrency: 32 },
    );
    const started = performance.now();
    await runner.drainOnce();
    const jobs = n / ((performance.now() - started) / 1000);
    const dup = [...seen.values()].filter((c) => c > 1).length + (n - seen.size);
    return { raw, enqueue, jobs, dup };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Child {
  send(line: string): void;
  next(): Promise<string>;
}

function startWorker(url: string, out: string): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'jobs.worker.ts'), url, out],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    next: async () => {
      const r = await lines.next();
      if (r.done === true) throw new Error('bench worker exited');
      return String(r.value);
    },
  };
}

async function pgRound(
  db: Db,
  url: string,
  n: number,
): Promise<{ raw: number; enqueue: number; jobs: number; dup: number }> {
  const raw = await rawInserts(db, n);
  const enqueue = await enqueueAll(db, n);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-jobs-'));
  try {
    const outs = [path.join(dir, 'a.json'), path.join(dir, 'b.json')];
    const workers = outs.map((o) => startWorker(url, o));
    for (const w of workers) if ((await w.next()) !== 'ready') throw new Error('worker not ready');
    const started = performance.now();
    for (const w of workers) w.send('go');
    await Promise.all(workers.map((w) => w.next()));
    const jobs = n / ((performance.now() - started) / 1000);
    const ids = outs.flatMap((o) => JSON.parse(fs.readFileSync(o, 'utf8')) as string[]);
    const dup = ids.length - new Set(ids).size + (n - new Set(ids).size);
    return { raw, enqueue, jobs, dup };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  description:
    'durable jobs: enqueue and claim+complete of no-op jobs on SQLite (1 process) and PostgreSQL (2 processes) vs raw inserts',
  async run(options) {
    const rounds = options.rounds;
    const sqliteN = flag(options.args, 'sqliteJobs', 3_000);
    const pgN = flag(options.args, 'pgJobs', 6_000);
    const s: Awaited<ReturnType<typeof sqliteRound>>[] = [];
    for (let r = 1; r <= rounds; r++) {
      const x = await sqliteRound(sqliteN);
      s.push(x);
      console.log(
        `  round ${r}  sqlite  raw ${Math.round(x.raw)}/s  enqueue ${Math.round(x.enqueue)}/s  claim+complete ${Math.round(x.jobs)}/s  duplicates ${x.dup}`,
      );
    }
    const pg = await startTempPostgres();
    const p: Awaited<ReturnType<typeof pgRound>>[] = [];
    try {
      const db = openDatabase({ dialect: 'postgres', connectionString: pg.url });
      try {
        await migrateToLatest(db);
        for (let r = 1; r <= rounds; r++) {
          const x = await pgRound(db, pg.url, pgN);
          p.push(x);
          console.log(
            `  round ${r}  postgres  raw ${Math.round(x.raw)}/s  enqueue ${Math.round(x.enqueue)}/s  claim+complete (2 processes) ${Math.round(x.jobs)}/s  duplicates ${x.dup}`,
          );
        }
      } finally {
        await db.close();
      }
    } finally {
      pg.stop();
    }
    const m = (xs: { [k: string]: number }[], k: string) => median(xs.map((x) => x[k] ?? 0));
    const figures = {
      sqliteJobsPerSec: Math.round(m(s, 'jobs')),
      sqliteEnqueuePerSec: Math.round(m(s, 'enqueue')),
      sqliteRawInsertsPerSec: Math.round(m(s, 'raw')),
      pgJobsPerSec: Math.round(m(p, 'jobs')),
      pgEnqueuePerSec: Math.round(m(p, 'enqueue')),
      pgRawInsertsPerSec: Math.round(m(p, 'raw')),
      duplicates: [...s, ...p].reduce((a, x) => a + x.dup, 0),
    };
    printVersus(
      'sqlite claim+complete',
      figures.sqliteJobsPerSec,
      'raw inserts',
      figures.sqliteRawInsertsPerSec,
    );
    printVersus(
      'sqlite enqueue',
      figures.sqliteEnqueuePerSec,
      'raw inserts',
      figures.sqliteRawInsertsPerSec,
    );
    printVersus(
      'postgres claim+complete (2 proc)',
      figures.pgJobsPerSec,
      'raw inserts',
      figures.pgRawInsertsPerSec,
    );
    printVersus(
      'postgres enqueue',
      figures.pgEnqueuePerSec,
      'raw inserts',
      figures.pgRawInsertsPerSec,
    );
    return {
      ...figures,
      sqliteJobsOverRaw: Number(
        (figures.sqliteJobsPerSec / figures.sqliteRawInsertsPerSec).toFixed(3),
      ),
      pgJobsOverRaw: Number((figures.pgJobsPerSec / figures.pgRawInsertsPerSec).toFixed(3)),
    };
  },
};
