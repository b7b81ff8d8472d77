import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HeaderExampleDto } from '@kiana/contracts';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../errors';
import { readFile, type FileStore } from '../../platform/files/files';
import type { UploadFileType } from '../../whatsapp/graph.uploads';
import { recordAudit, type ActionContext, type WhatsAppDeps } from '../accounts/accounts.deps';
import type { AccountsService } from '../accounts/accounts.service';

// The sample file of a media header. Meta wants it uploaded through the Resumable Upload API
// of the account's app, and the handle in `example.header_handle` (NOTES §4.2). Its limits
// for template samples: JPEG/PNG images up to 5 MB, MP4 videos up to 16 MB, PDF documents up
// to 100 MB. The bytes are checked against the declared type, so a renamed file is refused
// here with a clear message instead of failing review or sends (132012) later.

interface Kind {
  format: HeaderExampleDto['format'];
  maxBytes: number;
  /** Magic bytes the file must start with (`offset` into the file). */
  magic: { offset: number; bytes: number[] }[];
  label: string;
}

const MB = 1024 * 1024;
const kinds: Record<string, Kind> = {
  'image/jpeg': {
    format: 'IMAGE',
    maxBytes: 5 * MB,
    magic: [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }],
    label: 'JPEG image',
  },
  'image/png': {
    format: 'IMAGE',
    maxBytes: 5 * MB,
    magic: [{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
    label: 'PNG image',
  },
  'video/mp4': {
    format: 'VIDEO',
    maxBytes: 16 * MB,
    magic: [{ offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }], // "ftyp"
    label: 'MP4 video',
  },
  'application/pdf': {
    format: 'DOCUMENT',
    maxBytes: 100 * MB,
    magic: [{ offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }], // "%PDF-"
    label: 'PDF document',
  },
};

/** The largest sample of any kind: the multipart limit of the upload route. */
export const HEADER_EXAMPLE_MAX_BYTES = 100 * MB;

/** The MIME types a header sample may have. */
export const headerExampleTypes = Object.keys(kinds);

export interface HeaderExampleFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

/** Checks type, size and content of a sample; returns its kind or throws a clear error. */
export function checkHeaderExample(file: HeaderExampleFile): Kind & { mimeType: string } {
  const mimeType = file.mimeType === 'image/jpg' ? 'image/jpeg' : file.mimeType;
  const kind = kinds[mimeType];
  if (kind === undefined) {
    throw new ValidationError(
      `${file.fileName} is ${file.mimeType || 'of an unknown type'}: a header sample must be a JPEG or PNG image, an MP4 video or a PDF document`,
    );
  }
  if (file.data.length === 0) throw new ValidationError(`${file.fileName} is empty`);
  if (file.data.length > kind.maxBytes) {
    throw new PayloadTooLargeError(
      `${file.fileName} is ${(file.data.length / MB).toFixed(1)} MB: a ${kind.label} sample can be at most ${kind.maxBytes / MB} MB`,
    );
  }
  const matches = kind.magic.every((m) => m.bytes.every((b, i) => file.data[m.offset + i] === b));
  if (!matches)
    throw new ValidationError(
      `${file.fileName} is not a valid ${kind.label} (its content does not match)`,
    );
  return { ...kind, mimeType };
}

// A sample is stored before it is sent to Meta, as `template-examples/<id>` with its
// description beside it (`<id>.json`): a retry, on whichever process the next request
// reaches, reads it from the file store. It is removed once the template is submitted, or
// by the hourly cleanup when it is older than HEADER_EXAMPLE_KEEP_MS.
const PREFIX = 'template-examples/';
const HOUR = 3_600_000;
/** How long an uploaded sample is kept for retries when no template claims it. */
export const HEADER_EXAMPLE_KEEP_MS = 24 * HOUR;

const storedSampleSchema = z.object({
  accountId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
type StoredSample = z.infer<typeof storedSampleSchema>;

const fileKey = (id: string): string => `${PREFIX}${id}`;
const infoKey = (id: string): string => `${PREFIX}${id}.json`;

/** The same error, naming the stored sample so the client can retry it by id. */
function withExampleId(error: unknown, exampleId: string): unknown {
  if (!(error instanceof AppError)) return error;
  const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
  return new AppError(error.code, error.message, {
    status: error.status,
    isReportable: error.isReportable,
    details: { ...details, exampleId },
    cause: error,
  });
}

/** Creates the upload of header samples over the accounts service and the file store. */
export function createHeaderExamples(
  deps: WhatsAppDeps,
  accounts: AccountsService,
  files: FileStore,
) {
  async function sendToMeta(
    exampleId: string,
    accountId: string,
    file: HeaderExampleFile,
    action: ActionContext,
  ): Promise<HeaderExampleDto> {
    const kind = checkHeaderExample(file);
    const dto = await accounts.get(accountId);
    if (dto.appId === null || dto.appId === '') {
      throw new ValidationError(
        `Account ${dto.name} has no app ID: Meta's upload API needs it. Add it in Settings → WhatsApp.`,
      );
    }
    const { api } = await accounts.graphAccess(accountId);
    const { handle } = await api.uploadFileForHandle(dto.appId, {
      fileName: file.fileName,
      fileType: kind.mimeType as UploadFileType,
      data: file.data,
    });
    // The sample went to Meta, not to our database: its record stands alone.
    await recordAudit(deps, deps.db, action, {
      action: 'template.header_example.upload',
      target: { type: 'whatsapp_account', id: accountId },
      details: {
        exampleId,
        fileName: file.fileName,
        mimeType: kind.mimeType,
        size: file.data.length,
        format: kind.format,
      },
    });
    return {
      exampleId,
      handle,
      format: kind.format,
      mimeType: kind.mimeType,
      fileName: file.fileName,
      size: file.data.length,
      previewDataUrl:
        kind.format === 'IMAGE'
          ? `data:${kind.mimeType};base64,${file.data.toString('base64')}`
          : null,
    };
  }

  async function removeSample(exampleId: string): Promise<void> {
    await files.delete(fileKey(exampleId));
    await files.delete(infoKey(exampleId));
  }

  return {
    /** Stores a header sample, then uploads it to Meta for the account's app; returns the handle. */
    async uploadHeaderExample(
      accountId: string,
      file: HeaderExampleFile,
      action: ActionContext,
    ): Promise<HeaderExampleDto> {
      const kind = checkHeaderExample(file);
      const exampleId = randomUUID();
      const info: StoredSample = {
        accountId,
        fileName: file.fileName,
        mimeType: kind.mimeType,
        size: file.data.length,
      };
      await files.put(fileKey(exampleId), file.data, { contentType: kind.mimeType });
      await files.put(infoKey(exampleId), Buffer.from(JSON.stringify(info)), {
        contentType: 'application/json',
      });
      try {
        return await sendToMeta(exampleId, accountId, file, action);
      } catch (error) {
        throw withExampleId(error, exampleId);
      }
    },

    /** Uploads a stored sample to Meta again (after a failed upload or an expired handle). */
    async retryHeaderExample(
      exampleId: string,
      accountId: string,
      action: ActionContext,
    ): Promise<HeaderExampleDto> {
      const raw = await readFile(files, infoKey(exampleId));
      const data = await readFile(files, fileKey(exampleId));
      const info =
        raw === undefined ? undefined : storedSampleSchema.safeParse(JSON.parse(raw.toString()));
      // A sample is retried for the account it was uploaded for, never handed to another.
      if (data === undefined || info?.success !== true || info.data.accountId !== accountId)
        throw new NotFoundError('Header sample', exampleId);
      const file = { fileName: info.data.fileName, mimeType: info.data.mimeType, data };
      return sendToMeta(exampleId, accountId, file, action);
    },

    /** Removes a stored sample once its template was submitted; a sample already gone is fine. */
    async discardHeaderExample(exampleId: string): Promise<void> {
      await removeSample(exampleId);
    },

    /** Removes samples older than HEADER_EXAMPLE_KEEP_MS (timed job); returns how many. */
    async purgeHeaderExamples(now: number): Promise<number> {
      let removed = 0;
      for (const key of await files.list(PREFIX)) {
        const stat = await files.stat(key);
        if (stat === undefined || now - stat.modifiedAt < HEADER_EXAMPLE_KEEP_MS) continue;
        await files.delete(key);
        if (!key.endsWith('.json')) removed++;
      }
      return removed;
    },
  };
}
