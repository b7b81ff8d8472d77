import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromReader, RowBatch, RowsInit, ToReader } from './imports.batches';
import { asBuffer } from './imports.columns';
import { ImportFileError } from './imports.reader';

/**
 * `readRowBatches` in a worker thread (imports.batches.worker.ts), so reading and
 * normalising the next rows (about half of an import's CPU time) runs on the second core
 * while this thread writes. Same batches, same errors; the thread ends with the generator.
 */
export async function* readRowBatchesInThread(
  source: Readable,
  init: RowsInit,
): AsyncGenerator<RowBatch> {
  const worker = new Worker(await workerScript(), {
    eval: true,
    workerData: init,
    // Its live data is small (the numbers met are in typed arrays, outside the heap): a
    // small heap makes it collect its garbage early instead of growing the process.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
  });
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const inbox: FromReader[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: FromReader): void => {
    inbox.push(m);
    wake?.();
  };
  // The file's bytes go over ahead of the thread's requests: `CHUNKS_AHEAD` at the start, then
  // one for each it asks for, in order. This thread spends hundreds of milliseconds at a time
  // in a batch's synchronous writes; when it sent a chunk only on request, the reading thread
  // starved meanwhile and the two took turns (the writer idle 28 % of a 1M import).
  let feeding = Promise.resolve();
  let ended = false;
  const feedOne = async (): Promise<void> => {
    if (ended) return;
    let m: ToReader;
    try {
      const next = await chunks.next();
      m = next.done === true ? { type: 'end' } : { type: 'chunk', bytes: next.value };
    } catch (error) {
      m = { type: 'fail', message: error instanceof Error ? error.message : String(error) };
    }
    if (m.type !== 'chunk') ended = true;
    worker.postMessage(m);
  };
  const feed = (): void => {
    feeding = feeding.then(feedOne).catch((e: unknown) => {
      deliver({ type: 'crash', message: e instanceof Error ? e.message : String(e) });
    });
  };
  for (let i = 0; i < CHUNKS_AHEAD; i++) feed();
  worker.on('message', (m: FromReader) => (m.type === 'more' ? feed() : deliver(m)));
  worker.on('error', (e) => deliver({ type: 'crash', message: e.message }));
  worker.on('exit', (code) =>
    deliver({ type: 'crash', message: `The import's reading thread stopped (${code})` }),
  );
  try {
    for (;;) {
      const m =
        inbox.shift() ??
        (await new Promise<FromReader | undefined>((resolve) => {
          wake = () => resolve(inbox.shift());
        }));
      wake = undefined;
      switch (m?.type) {
        case 'batch':
          yield { ...m.batch, contacts: asBuffer(m.batch.contacts) };
          worker.postMessage({ type: 'ack' } satisfies ToReader);
          continue;
        case 'done':
          return;
        case 'unreadable':
          throw new ImportFileError(m.reason, m.row);
        case 'crash':
          throw new Error(m.message);
        default:
          continue;
      }
    }
  } finally {
    source.destroy();
    await worker.terminate();
  }
}

/** Chunks of the file (64 KiB each from a file stream) sent before the thread asks. */
const CHUNKS_AHEAD = 16;

let script: Promise<string> | undefined;

/**
 * The reading thread's code as one script, bundled once per process with esbuild (the
 * compiler tsx runs the server's TypeScript with). Not through tsx's loader: a worker that
 * registers it gets a loader thread and the server's module graph, about 75 MB of memory
 * more than the bundle's 20 MB (measured), and the import's memory ceiling is 300 MB.
 */
async function workerScript(): Promise<string> {
  script ??= (async () => {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./imports.batches.worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const out = built.outputFiles[0];
    if (out === undefined) throw new Error('The import reader could not be bundled');
    return out.text;
  })();
  try {
    return await script;
  } catch (error) {
    script = undefined;
    throw error;
  }
}
