import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from '../errors';

/**
 * Reads a response body into memory, refusing (and destroying the stream) as soon as it
 * grows past `maxBytes`, so a huge or endless answer cannot exhaust the process.
 */
export async function readLimited(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      discard(body);
      throw new PayloadTooLargeError(`Response larger than ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

/**
 * Closes a response body we will not read. undici's BodyReadable emits an `AbortError` when
 * destroyed without an error; with no listener that would be an uncaught exception.
 */
export function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}
