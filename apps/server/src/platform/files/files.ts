import { Readable } from 'node:stream';

/** Size and last change of a stored file. */
export interface FileStat {
  size: number;
  modifiedAt: number;
}

/**
 * The one place files live (media, uploads awaiting a job, exports): the data directory by
 * default, S3-compatible object storage when processes run on several machines. Keys are
 * relative (`media/<message id>`); `checkFileKey` refuses anything that could climb out.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(
    key: string,
    data: Buffer | Uint8Array | Readable,
    options?: { contentType?: string },
  ): Promise<void>;
  /** The file's bytes as a stream, or undefined when there is no such file. */
  get(key: string): Promise<Readable | undefined>;
  stat(key: string): Promise<FileStat | undefined>;
  /** Removes a file; a file already gone is not an error. */
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix` (e.g. `media/`), in no particular order. */
  list(prefix: string): Promise<string[]>;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Returns the key when it is a safe relative key: segments of letters, digits, `.`, `_` and
 * `-`, none empty or starting with a dot (so no `..`), no leading slash, no backslash.
 */
export function checkFileKey(key: string): string {
  const segments = key.split('/');
  if (key.length === 0 || key.length > 512 || !segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`Invalid file key: ${JSON.stringify(key.slice(0, 80))}`);
  }
  return key;
}

/** A list prefix: a key, a key followed by `/`, or empty for everything. */
export function checkFilePrefix(prefix: string): string {
  if (prefix === '') return prefix;
  checkFileKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** Reads a whole stored file into memory (for small files: exports, samples). */
export async function readFile(store: FileStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.get(key);
  if (stream === undefined) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The bytes of `put`'s input, for backends that need a length up front. */
export async function toBuffer(data: Buffer | Uint8Array | Readable): Promise<Buffer> {
  if (!(data instanceof Readable)) return Buffer.from(data);
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
