import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL into the database file on a thread of its own. better-sqlite3 runs every
 * statement on the event loop, and SQLite's automatic checkpoint runs inside the commit that
 * crosses its threshold: copying a few hundred megabytes of WAL and syncing both files there
 * held the loop for 100–250 ms every few seconds under a campaign's load (the dispatcher's
 * rounds and the webhook acknowledgements wait behind it). A second connection on a worker
 * thread runs a PASSIVE checkpoint every `intervalMs`: it copies what the WAL holds without
 * waiting for, or blocking, the app's readers and writer. The app's own automatic checkpoint
 * stays on; it then finds the WAL already copied but for the last moments, a short copy,
 * after which the next commit starts the WAL over from its beginning.
 *
 * The worker is plain CommonJS evaluated from a string, so it runs the same from the
 * TypeScript sources and from a build; it loads the driver from the path the app resolved.
 */
const source = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// A checkpoint that finds another running gives way at once (the app's, or an erasure's).
db.pragma('busy_timeout = 0');
let passes = 0;
const run = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    passes += 1;
    parentPort.postMessage({ passes, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') run();
  if (m === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointPass {
  /** Passes run since the thread started. */
  passes: number;
  /** Frames in the WAL when the pass ran, and how many of them are in the database file. */
  log: number;
  checkpointed: number;
}

export interface BackgroundCheckpointer {
  /** The last pass the thread reported (null before its first). */
  readonly last: CheckpointPass | null;
  /** Runs a pass now and resolves with its report (tests, shutdown). */
  passNow(): Promise<CheckpointPass>;
  /** Stops the thread and closes its connection; the app's connection closes after it. */
  close(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(source, {
    eval: true,
    workerData: { driver, file, intervalMs: options.intervalMs ?? 500 },
  });
  // The thread never keeps the process alive: shutdown closes it, a crash loses nothing.
  worker.unref();
  let last: CheckpointPass | null = null;
  let waiting: ((pass: CheckpointPass) => void)[] = [];
  worker.on('message', (m: CheckpointPass | { error: string }) => {
    if ('error' in m) {
      options.onError?.(m.error);
      return;
    }
    last = m;
    const settle = waiting;
    waiting = [];
    for (const resolve of settle) resolve(m);
  });
  worker.on('error', (err) => options.onError?.(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    get last() {
      return last;
    },
    passNow: () =>
      new Promise<CheckpointPass>((resolve) => {
        waiting.push(resolve);
        worker.postMessage('now');
      }),
    async close() {
      worker.postMessage('close');
      await exited;
    },
  };
}
