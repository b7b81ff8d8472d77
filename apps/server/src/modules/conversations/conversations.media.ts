import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database';
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

/**
 * Media of inbound messages: downloaded in the background after the webhook is stored,
 * kept under `<dataDir>/media/`, served only through an authenticated route.
 */
export function createMediaStore(deps: {
  db: Db;
  dataDir: string;
  fetcher: MediaFetcher | undefined;
  bus: EventBus;
  logger: Logger;
  background: BackgroundWork;
  now: () => number;
}) {
  const dir = path.join(deps.dataDir, 'media');

  async function finish(
    row: MessageRow,
    media: Parameters<typeof updateMessageMedia>[2],
  ): Promise<void> {
    await updateMessageMedia(deps.db.kysely, row.id, media, deps.now());
    deps.bus.publish('messages.media', {
      messageId: row.id,
      mediaStatus: media.mediaStatus ?? 'pending',
    });
  }

  async function download(messageId: string): Promise<void> {
    const row = await findMessageById(deps.db.kysely, messageId);
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
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      // Named by our own message id: never a path taken from the payload.
      const file = path.join(dir, row.id);
      await fs.writeFile(`${file}.part`, data, { mode: 0o600 });
      await fs.rename(`${file}.part`, file);
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
      const rows = await listPendingMedia(deps.db.kysely, limit);
      for (const row of rows) await download(row.id);
      return rows.length;
    },
    /** The stored file of a message, for the authenticated media route. */
    async open(
      messageId: string,
    ): Promise<{ file: string; mime: string; size: number; filename: string | null }> {
      const row = await findMessageById(deps.db.kysely, messageId);
      if (row === undefined || row.mediaStatus !== 'downloaded' || row.mediaPath === null) {
        throw new NotFoundError('Media of message', messageId);
      }
      return {
        file: path.join(dir, path.basename(row.mediaPath)),
        mime: row.mediaMime ?? 'application/octet-stream',
        size: row.mediaSize ?? 0,
        filename: row.mediaFilename,
      };
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
