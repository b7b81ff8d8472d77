/**
 * The import's reading thread: decodes, parses and normalises the file's rows (the CPU-heavy
 * half of an import) while the job's thread writes the batches before them. The bytes come
 * from the job's thread on request, so at most a chunk waits here; a batch is posted when
 * full, and at most `BATCHES_AHEAD` wait unacknowledged, so memory stays flat whatever the
 * file's size. It runs as one bundled script (imports.batches.thread.ts), not through tsx.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  BATCHES_AHEAD,
  readRowBatches,
  rowsInitSchema,
  type FromReader,
  type ToReader,
} from './imports.batches';
import { columnBuffers } from './imports.columns';
import { ImportFileError } from './imports.reader';

async function main(port: MessagePort): Promise<void> {
  const init = rowsInitSchema.parse(workerData);
  const post = (m: FromReader): void => port.postMessage(m);
  let unacked = 0;
  let acked: (() => void) | undefined;
  const source = new Readable({ read: () => post({ type: 'more' }) });
  port.on('message', (m: ToReader) => {
    switch (m.type) {
      case 'chunk':
        source.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
        return;
      case 'end':
        source.push(null);
        return;
      case 'fail':
        source.destroy(new Error(m.message));
        return;
      case 'ack':
        unacked--;
        acked?.();
        return;
    }
  });
  try {
    for await (const batch of readRowBatches(source, init)) {
      port.postMessage(
        { type: 'batch', batch } satisfies FromReader,
        columnBuffers(batch.contacts),
      );
      if (++unacked >= BATCHES_AHEAD)
        await new Promise<void>((resolve) => {
          acked = resolve;
        });
      acked = undefined;
    }
    post({ type: 'done' });
  } catch (error) {
    post(
      error instanceof ImportFileError
        ? { type: 'unreadable', reason: error.reason, row: error.row }
        : { type: 'crash', message: error instanceof Error ? error.message : String(error) },
    );
  }
  port.close();
}

if (parentPort === null) throw new Error('imports.batches.worker runs in a worker thread');
void main(parentPort);
