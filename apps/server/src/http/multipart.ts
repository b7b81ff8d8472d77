import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PayloadTooLargeError, ValidationError } from '../errors';
import type { Readable } from 'node:stream';
import { digestStream, digestWhileRead } from './body-digest';

/** A file received in a multipart form, held in memory (the limits keep it bounded). */
export interface UploadedFile {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/**
 * Registers multipart parsing in one route scope only (the rest of the API stays JSON):
 * at most one file of `maxBytes` and a few short fields.
 */
export async function registerSingleFileForm(
  scope: FastifyInstance,
  limits: { maxBytes: number; fields: number; fieldSize: number },
): Promise<void> {
  await scope.register(multipart, {
    limits: {
      fileSize: limits.maxBytes,
      files: 1,
      fields: limits.fields,
      fieldSize: limits.fieldSize,
    },
  });
}

/**
 * A form's fingerprint: its parts in order, fields by name and value, files by field name,
 * file name, type and the SHA-256 of their bytes. Never the boundary or the part headers'
 * spelling, which a client draws anew on each retry of the same form.
 */
export class FormDigest {
  private readonly hash = createHash('sha256');

  field(name: string, value: string): void {
    this.hash.update(`field ${JSON.stringify([name, value])}\n`);
  }

  file(name: string, fileName: string, mimeType: string, bytesSha256: string): void {
    this.hash.update(`file ${JSON.stringify([name, fileName, mimeType, bytesSha256])}\n`);
  }

  /** A file part's stream to read instead of it: its digest joins the form's once read. */
  readFile(part: {
    fieldname: string;
    filename: string;
    mimetype: string;
    file: Readable;
  }): Readable {
    return digestWhileRead(part.file, (hex) =>
      this.file(part.fieldname, part.filename, part.mimetype, hex),
    );
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Reads a whole form (in a multipart scope) only to fingerprint it, as `FormDigest` does. */
export async function digestForm(request: FastifyRequest): Promise<string> {
  const form = new FormDigest();
  for await (const part of request.parts()) {
    if (part.type === 'file')
      form.file(part.fieldname, part.filename, part.mimetype, await digestStream(part.file));
    else form.field(part.fieldname, String(part.value));
  }
  return form.digest();
}

/**
 * Reads a multipart form of text fields and at most one file. A request that is not
 * multipart is refused with `notMultipart`; a file over the scope's limit with a 413 that
 * says `tooLarge`.
 */
export async function readSingleFileForm(
  request: FastifyRequest,
  messages: { notMultipart: string; tooLarge: string },
): Promise<{ fields: Record<string, string>; file: UploadedFile | undefined }> {
  if (!request.isMultipart()) throw new ValidationError(messages.notMultipart);
  const fields: Record<string, string> = {};
  const form = new FormDigest();
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        file = { filename: part.filename, mimeType: part.mimetype, data: await part.toBuffer() };
        form.file(part.fieldname, file.filename, file.mimeType, sha256(file.data));
      } else {
        const value = String(part.value);
        fields[part.fieldname] = value;
        form.field(part.fieldname, value);
      }
    }
    request.bodyDigest = form.digest();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new PayloadTooLargeError(messages.tooLarge);
    throw err;
  }
  return { fields, file };
}
