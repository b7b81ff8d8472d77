import {
  checkOutboundMedia,
  mediaTakesCaption,
  outboundMediaRule,
  type OutboundMediaKind,
} from '@kiana/contracts';
import { AppError, ValidationError } from '../../errors';
import type { AccountGraphApi } from '../../whatsapp/graph.client';
import type { MessageContent } from '../../whatsapp/graph.messages';
import { readFile, type FileStore } from '../../platform/files/files';
import type { Executor } from '../../db/executor';
import { setUploadedMedia } from './inbox.repo';

/** A file the agent attached, as the route read it. */
export interface AttachedFile {
  filename: string;
  mimeType: string;
  data: Buffer;
}

const MB = 1024 * 1024;
const size = (bytes: number): string =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * Checks a file against Meta's limits (the browser checked it too; a client may not have).
 * Throws 415 for a type Meta does not take and 413 for a file over its type's limit, each
 * naming the file, its type and size and the limit.
 */
export function checkAttachment(
  file: AttachedFile,
  caption: string | undefined,
): OutboundMediaKind {
  const problem = checkOutboundMedia({
    name: file.filename,
    type: file.mimeType,
    size: file.data.length,
  });
  if (problem?.code === 'unsupported_type')
    throw new AppError(
      'unsupported_media_type',
      `${file.filename} is ${file.mimeType || 'of an unknown type'}: WhatsApp takes JPEG or PNG images, MP4 or 3GPP video, AAC, AMR, MP3, M4A or OGG audio, WebP stickers and PDF, text or Office documents`,
      { status: 415, details: problem },
    );
  if (problem?.code === 'empty') throw new ValidationError(`${file.filename} is empty`, problem);
  if (problem?.code === 'too_large') {
    throw new AppError(
      'payload_too_large',
      `${file.filename} (${file.mimeType}) is ${size(problem.size)}: WhatsApp takes at most ${size(problem.maxBytes)} for this type`,
      { status: 413, details: problem },
    );
  }
  const kind = outboundMediaRule(file.mimeType)?.kind ?? 'document';
  if (caption !== undefined && caption.trim() !== '' && !mediaTakesCaption(kind))
    throw new ValidationError(`WhatsApp sends ${kind} without a caption: send the text separately`);
  return kind;
}

/** Where an attachment lives in the file store: beside inbound media, named by message id. */
export const attachmentKey = (messageId: string): string => `media/${messageId}`;

/** The message as stored before the upload: no media id yet (it comes with each attempt). */
export function mediaContent(
  kind: OutboundMediaKind,
  file: { filename: string },
  caption: string | undefined,
  contextWamid: string | null,
): MessageContent {
  const media: Record<string, string> = {};
  if (caption !== undefined && caption.trim() !== '' && mediaTakesCaption(kind))
    media.caption = caption;
  if (kind === 'document') media.filename = file.filename;
  return {
    type: kind,
    [kind]: media,
    ...(contextWamid === null ? {} : { context: { message_id: contextWamid } }),
  } as unknown as MessageContent;
}

/**
 * The send's content once the file is uploaded to Meta from our store: every attempt
 * (a retry too) uploads again, since Meta's media ids expire. The id is kept on the message.
 */
export function uploadingContent(deps: {
  db: Executor;
  files: FileStore;
  now: () => number;
  messageId: string;
  phoneNumberId: string;
  stored: MessageContent;
  mimeType: string;
  filename: string;
}): (api: AccountGraphApi) => Promise<MessageContent> {
  return async (api) => {
    const data = await readFile(deps.files, attachmentKey(deps.messageId));
    if (data === undefined) throw new Error('The attached file is no longer in the media store');
    const { id } = await api.uploadMedia(deps.phoneNumberId, {
      data,
      mimeType: deps.mimeType,
      filename: deps.filename,
    });
    const stored = deps.stored as unknown as Record<string, unknown> & { type: string };
    const media = { ...(stored[stored.type] as Record<string, unknown>), id };
    const content = { ...stored, [stored.type]: media } as unknown as MessageContent;
    await setUploadedMedia(deps.db, deps.messageId, id, JSON.stringify(content), deps.now());
    return content;
  };
}
