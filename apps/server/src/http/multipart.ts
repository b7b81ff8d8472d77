import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PayloadTooLargeError, ValidationError } from '../errors';

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
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file')
        file = { filename: part.filename, mimeType: part.mimetype, data: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new PayloadTooLargeError(messages.tooLarge);
    throw err;
  }
  return { fields, file };
}
