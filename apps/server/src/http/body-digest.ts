import { createHash, type Hash } from 'node:crypto';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { PayloadTooLargeError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The SHA-256 (hex) of a body that is streamed to its handler rather than parsed up
     * front (a raw upload, a multipart form), set once the handler has read all of it. A
     * request's idempotency fingerprint needs it: `request.body` is a stream or unset there.
     */
    bodyDigest?: string;
  }
}

/** A streamed body read only to fingerprint it (a retry) is refused past this size. */
export const DIGEST_MAX_BYTES = 128 * 1024 * 1024;

/** Passes a stream through unchanged and hashes it; `onDigest` runs once it has all passed. */
class DigestTap extends Transform {
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly onDigest: (hex: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.onDigest(this.hash.digest('hex'));
    done();
  }
}

/**
 * `body` as its reader should take it from now on: the same bytes, hashed on the way
 * through; `onDigest` gets the SHA-256 (hex) once all of it has been read. Errors and an
 * early destroy travel both ways, as they would on the body itself.
 */
export function digestWhileRead(body: Readable, onDigest: (hex: string) => void): Readable {
  const tap = new DigestTap(onDigest);
  pipeline(body, tap, () => {});
  return tap;
}

/** Reads a whole stream only to hash it (at most `DIGEST_MAX_BYTES`). */
export async function digestStream(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > DIGEST_MAX_BYTES) {
      body.destroy();
      throw new PayloadTooLargeError(`The body is larger than ${DIGEST_MAX_BYTES} bytes`);
    }
    hash.update(chunk);
  }
  return hash.digest('hex');
}

export const isStream = (value: unknown): value is Readable => value instanceof Readable;
