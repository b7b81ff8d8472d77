import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { ContactUpload, ContactUploadPreview } from '@kiana/contracts';
import type { Executor } from '../../../db/executor';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../../errors';
import type { Clock } from '../../../platform/clock';
import type { FileStore } from '../../../platform/files/files';
import type { AuditActor } from '../../audit/audit.service';
import {
  detectDelimiter,
  detectEncoding,
  guessMapping,
  type ImportDelimiter,
  type ImportEncoding,
} from './imports.detect';
import { ImportFileError, readCsvRecords } from './imports.reader';
import { findUpload, insertUpload, type UploadRow } from './imports.repo';

/** The largest file an import takes. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** How much of the file the preview and the detection read. */
const SAMPLE_BYTES = 64 * 1024;
const PREVIEW_ROWS = 20;

export interface UploadDeps {
  db: Executor;
  files: FileStore;
  clock: Clock;
}

/**
 * Streams a body to the file store under `fileKey`, counting bytes: past `maxBytes` it stops
 * (413); a body shorter than its declared length, one the client broke off, or an empty one is
 * refused and nothing is kept. Never holds more than a chunk in memory. Answers the size.
 */
export async function streamToStore(
  files: FileStore,
  fileKey: string,
  input: { body: Readable; declaredLength: number | undefined; maxBytes: number },
): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > input.maxBytes)
        done(
          new PayloadTooLargeError(`The file is larger than ${input.maxBytes / 1024 / 1024} MB`),
        );
      else done(null, chunk);
    },
  });
  let broken = false;
  input.body.on('aborted', () => (broken = true));
  input.body.on('error', () => (broken = true));
  try {
    await files.put(fileKey, input.body.pipe(counter), { contentType: 'text/csv' });
  } catch (error) {
    await files.delete(fileKey);
    if (error instanceof PayloadTooLargeError) throw error;
    if (broken || input.body.readableAborted)
      throw new ValidationError(
        `The upload was cut short after ${size} bytes; send the file again`,
      );
    throw error;
  }
  const truncated = broken || (input.declaredLength !== undefined && size !== input.declaredLength);
  if (truncated) {
    await files.delete(fileKey);
    throw new ValidationError(
      `The upload was cut short: ${size} bytes arrived${input.declaredLength === undefined ? '' : ` of ${input.declaredLength}`}; send the file again`,
    );
  }
  if (size === 0) {
    await files.delete(fileKey);
    throw new ValidationError('The file is empty');
  }
  return size;
}

/** Streams an upload for an import to the file store (see `streamToStore`) and records it. */
export async function storeUpload(
  deps: UploadDeps,
  input: {
    body: Readable;
    declaredLength: number | undefined;
    fileName: string | null;
    actor: AuditActor;
  },
): Promise<ContactUpload> {
  const id = randomUUID();
  const fileKey = `imports/${id}.csv`;
  const size = await streamToStore(deps.files, fileKey, {
    body: input.body,
    declaredLength: input.declaredLength,
    maxBytes: MAX_UPLOAD_BYTES,
  });
  const actorId = input.actor.id ?? null;
  await insertUpload(deps.db, {
    id,
    fileKey,
    format: 'csv',
    size,
    fileName: input.fileName,
    createdBy: actorId,
    createdAt: deps.clock.now(),
  });
  return { id, size, format: 'csv' };
}

/** An upload by id, or 404. */
export async function getUpload(db: Executor, id: string): Promise<UploadRow> {
  const upload = await findUpload(db, id);
  if (upload === undefined) throw new NotFoundError('No such upload');
  return upload;
}

/** The first bytes of a stored file. */
export async function readSample(files: FileStore, key: string): Promise<Buffer> {
  const stream = await files.get(key);
  if (stream === undefined) throw new NotFoundError('The uploaded file is gone; upload it again');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const b = Buffer.from(chunk as Uint8Array);
    chunks.push(b);
    length += b.length;
    if (length >= SAMPLE_BYTES) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
}

/** The encoding and delimiter of a file: chosen ones win over detected ones. */
export function resolveFormat(
  sample: Buffer,
  chosen: { encoding?: ImportEncoding; delimiter?: ImportDelimiter },
): { encoding: ImportEncoding; hasBom: boolean; delimiter: ImportDelimiter } {
  const detected = detectEncoding(sample);
  const encoding = chosen.encoding ?? detected.encoding;
  const text = new TextDecoder(encoding).decode(sample);
  return {
    encoding,
    hasBom: detected.hasBom,
    delimiter: chosen.delimiter ?? detectDelimiter(text),
  };
}

/** The preview of an upload: encoding, delimiter, header, first rows and a guessed mapping. */
export async function previewUpload(
  deps: UploadDeps,
  id: string,
  chosen: { encoding?: ImportEncoding; delimiter?: ImportDelimiter },
  attributeKeys: readonly string[],
): Promise<ContactUploadPreview> {
  const upload = await getUpload(deps.db, id);
  const sample = await readSample(deps.files, upload.fileKey);
  const format = resolveFormat(sample, chosen);
  const { records, problem } = await sampleRecords(sample, format, PREVIEW_ROWS + 1);
  const header = records[0] ?? [];
  const rows = records.slice(1);
  return {
    id,
    size: upload.size,
    encoding: format.encoding,
    encodingDetected: chosen.encoding === undefined,
    hasBom: format.hasBom,
    delimiter: format.delimiter,
    header,
    rows,
    mapping: guessMapping(header, rows, attributeKeys),
    problem,
    attributeKeys: [...attributeKeys],
  };
}

/**
 * The first `max` records of a file's sample (header first), read by the import's reader; the
 * sample may end inside a row, so it is cut after its last line break. A reading problem is
 * returned, not thrown: the preview shows it.
 */
export async function sampleRecords(
  sample: Buffer,
  format: { encoding: ImportEncoding; delimiter: ImportDelimiter },
  max: number,
): Promise<{ records: string[][]; problem: string | null }> {
  const complete =
    sample.length < SAMPLE_BYTES
      ? sample
      : sample.subarray(0, lastLineEnd(sample, format.encoding));
  const records: string[][] = [];
  let problem: string | null = null;
  try {
    for await (const r of readCsvRecords(Readable.from([complete]), format)) {
      records.push(r.fields);
      if (records.length >= max) break;
    }
  } catch (error) {
    problem = error instanceof ImportFileError ? error.message : String(error);
  }
  return { records, problem };
}

function lastLineEnd(sample: Buffer, encoding: ImportEncoding): number {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    const i = sample.lastIndexOf(0x0a);
    return i < 0 ? sample.length : i + 1;
  }
  // A UTF-16 line feed is two bytes at an even offset: 0A 00 (LE) or 00 0A (BE).
  const [lo, hi] = encoding === 'utf-16le' ? [0x0a, 0x00] : [0x00, 0x0a];
  for (let i = (sample.length & ~1) - 2; i >= 0; i -= 2)
    if (sample[i] === lo && sample[i + 1] === hi) return i + 2;
  return sample.length & ~1;
}
