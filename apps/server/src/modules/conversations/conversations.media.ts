import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Executor } from '../../db/executor';
import type { FileStore } from '../../platform/files/files';
import type { EventBus } from '../../events/bus';
import type { Logger } from '../../logger';
import type { BackgroundWork } from '../../platform/background';
import { NotFoundError } from '../../errors';
import {
  findMessageById,
  listPendingMedia,
  updateMessageMedia,
  type MessageRow,
} from './conversations.repo';
import './conversations.events';

/** Downloads one media object through the Graph API client (the only one; `whatsapp/`). */
export type MediaFetcher = (input: {
  accountId: string | null;
  phoneNumberId: string;
  mediaId: string;
  maxBytes: number;
}) => Promise<{ data: Buffer; contentType: string | undefined }>;

/** Meta's size limits per media type (NOTES §5.2); anything larger is refused, not stored. */
export const mediaSizeLimits: Record<string, number> = {
  image: 5 * 1024 * 1024,
  audio: 16 * 1024 * 1024,
  video: 16 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  sticker: 500 * 1024,
};

/** True when `data` matches Meta's `sha256` (seen both as hex and as base64). */
export function isChecksumValid(data: Buffer, expected: string | null): boolean {
  if (expected === null || expected === '') return true;
  const digest = createHash('sha256').update(data).digest();
  return (
    expected.toLowerCase() === digest.toString('hex') || expected === digest.toString('base64')
  );
}

/** Where a message's media lives in the file store (the privacy registry's `dir: 'media'`). */
const mediaKey = (name: string): string => `media/${name}`;

/**
 * Media of inbound messages: downloaded in the background after the webhook is stored,
 * kept in the file store under `media/`, served only through an authenticated route.
 */
export function createMediaStore(deps: {
  db: Executor;
  files: FileStore;
  fetcher: MediaFetcher | undefined;
  bus: EventBus;
  logger: Logger;
  background: BackgroundWork;
  now: () => number;
}) {
  async function finish(
    row: MessageRow,
    media: Parameters<typeof updateMessageMedia>[2],
  ): Promise<void> {
    await updateMessageMedia(deps.db, row.id, media, deps.now());
    deps.bus.publish('messages.media', {
      messageId: row.id,
      mediaStatus: media.mediaStatus ?? 'pending',
    });
  }

  async function download(messageId: string): Promise<void> {
    const row = await findMessageById(deps.db, messageId);
    if (row === undefined || row.mediaId === null || row.mediaStatus !== 'pending') return;
    if (deps.fetcher === undefined) return;
    const maxBytes = mediaSizeLimits[row.type] ?? mediaSizeLimits.document ?? 0;
    try {
      const { data, contentType } = await deps.fetcher({
        accountId: row.accountId,
        phoneNumberId: row.phoneNumberId,
        mediaId: row.mediaId,
        maxBytes,
      });
      if (data.length > maxBytes)
        throw new Error(`media is ${data.length} bytes, more than ${maxBytes}`);
      if (!isChecksumValid(data, row.mediaSha256)) {
        await finish(row, {
          mediaStatus: 'failed',
          mediaError: 'checksum mismatch: the file differs from Meta’s sha256',
        });
        return;
      }
      // Named by our own message id: never a path taken from the payload.
      await deps.files.put(mediaKey(row.id), data, {
        contentType: row.mediaMime ?? contentType,
      });
      await finish(row, {
        mediaStatus: 'downloaded',
        mediaPath: row.id,
        mediaSize: data.length,
        mediaMime: row.mediaMime ?? contentType ?? null,
        mediaError: null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const tooLarge = /more than|too large/i.test(message);
      deps.logger.warn({ err: error, messageId }, 'media download failed');
      await finish(row, {
        mediaStatus: tooLarge ? 'too_large' : 'failed',
        mediaError: message.slice(0, 300),
      });
    }
  }

  return {
    /** Queues downloads after the intake transaction has committed. */
    schedule(messageIds: readonly string[]): void {
      for (const id of messageIds) {
        if (deps.background.isClosed) return;
        deps.background.run('conversations:media', () => download(id));
      }
    },
    download,
    /** Downloads left pending by a restart. */
    async resume(limit = 100): Promise<number> {
      const rows = await listPendingMedia(deps.db, limit);
      for (const row of rows) await download(row.id);
      return rows.length;
    },
    /** The stored file of a message, for the authenticated media route. */
    async open(
      messageId: string,
    ): Promise<{ stream: Readable; mime: string; size: number; filename: string | null }> {
      const row = await findMessageById(deps.db, messageId);
      if (row === undefined || row.mediaStatus !== 'downloaded' || row.mediaPath === null) {
        throw new NotFoundError('Media of message', messageId);
      }
      const stream = await deps.files.get(mediaKey(row.mediaPath));
      if (stream === undefined) throw new NotFoundError('Media of message', messageId);
      return {
        stream,
        mime: row.mediaMime ?? 'application/octet-stream',
        size: row.mediaSize ?? 0,
        filename: row.mediaFilename,
      };
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
