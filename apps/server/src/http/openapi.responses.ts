import type { Readable } from 'node:stream';
import { z } from 'zod';

/** What a file answer may send: text, bytes or a stream (never serialized as JSON). */
type FileBody = string | Uint8Array | Readable;

/**
 * A non-JSON answer (CSV, ZIP, HTML, text, event stream) declared with its real content
 * type. Fastify sends strings, buffers and streams as they are, so the schema only
 * documents; its type admits every body a file route sends.
 */
export function fileResponse(contentType: string, description: string, binary = false) {
  const schema = binary ? z.string().meta({ contentMediaType: contentType }) : z.string();
  return {
    description,
    content: { [contentType]: { schema: schema as unknown as z.ZodType<FileBody> } },
  };
}
