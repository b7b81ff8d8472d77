import fs from 'node:fs';
import path from 'node:path';
import { startCheckpointer, type BackgroundCheckpointer } from './sqlite-checkpointer';
import { cachingStatements } from './sqlite-statements';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  CamelCasePlugin,
  type LogEvent,
} from 'kysely';
import type { DatabaseConfig } from '../config';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, its dialect and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL: the connection string (the event relay opens its own connection). */
  connectionString?: string;
  /** SQLite file opened with `checkpointInBackground`: the thread that copies the WAL. */
  checkpointer?: BackgroundCheckpointer;
  close(): Promise<void>;
}

// PostgreSQL returns int8 as a string by default; every bigint here is an epoch-ms
// timestamp or a counter well inside 2^53, so numbers are safe and keep both dialects alike.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens the database described by the config. SQLite runs in WAL with foreign keys on. */
export function openDatabase(
  config: DatabaseConfig,
  options: {
    poolSize?: number;
    /** Told about every query and its duration (the metrics' timing histogram). */
    onQuery?: (event: LogEvent) => void;
    /**
     * SQLite file: copy the WAL into the database on a thread of its own (the app's
     * long-running process; a command that opens, writes a little and exits needs none).
     */
    checkpointInBackground?: boolean;
    /** Told when the background checkpoint fails (it is tried again at the next pass). */
    onCheckpointError?: (message: string) => void;
  } = {},
): Db {
  const log = options.onQuery;
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') makePrivateFile(config.file);
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    // SQLite gives the -wal and -shm files the database file's mode; an installation made
    // before the database was private may still have readable ones.
    if (config.file !== ':memory:')
      for (const f of [`${config.file}-wal`, `${config.file}-shm`])
        if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Statement journals (every write statement inside a transaction saves the pages it
    // touches, for its own rollback) spill to a temporary file past 64 KiB: an open, writes
    // and an unlink several times a second on the dispatcher's hot path. In memory, they cost
    // a copy (the campaign bench: 13 % less CPU per send). Temporary tables and sort spills
    // live in memory too; the app's queries page or aggregate through indexes.
    sqlite.pragma('temp_store = MEMORY');
    // A checkpoint every 160 MB of WAL rather than 4 MB: a hot page rewritten by many commits is
    // copied into the database once per checkpoint, not once per 4 MB, and the checkpoint runs
    // inside a commit, on the event loop. Measured in alternating runs: 10,000 pages against
    // 1,000, the campaign bench 523 sends/s instead of 445; 40,000 against 10,000, a
    // million-row import 27.6 s instead of 35.5 (medians of four), the campaign bench 850–868
    // instead of 804–841. The cost: up to 160 MB more on disk, and a longer WAL to replay
    // after a crash.
    sqlite.pragma('wal_autocheckpoint = 40000');
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
      plugins: [new CamelCasePlugin()],
      ...(log === undefined ? {} : { log }),
    });
    const checkpointer =
      options.checkpointInBackground === true && config.file !== ':memory:'
        ? startCheckpointer(config.file, { onError: options.onCheckpointError })
        : null;
    return {
      kysely,
      dialect: 'sqlite',
      ...(checkpointer === null ? {} : { checkpointer }),
      close: async () => {
        await checkpointer?.close();
        await kysely.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: options.poolSize ?? 10,
  });
  // An idle client whose server connection drops (restart, failover) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool discards such a client and
  // opens a new one on the next query, so there is nothing more to do here.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...(log === undefined ? {} : { log }),
  });
  return {
    kysely,
    dialect: 'postgres',
    connectionString: config.connectionString,
    close: async () => {
      await kysely.destroy();
    },
  };
}

/**
 * Creates the database file 0600 (like master.key) before SQLite opens it, in a folder only
 * the server's user can enter, and tightens an existing one: it holds personal data.
 */
function makePrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
