import { z } from 'zod';

/**
 * What the inbox may attach, by MIME type, with Meta's size limit for each ("Supported media
 * types"): the browser checks a file before uploading it and the server checks it again.
 */
export type OutboundMediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

const MB = 1024 * 1024;

export const outboundMediaTypes: Readonly<
  Record<string, { kind: OutboundMediaKind; maxBytes: number }>
> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * MB },
  'image/png': { kind: 'image', maxBytes: 5 * MB },
  'video/mp4': { kind: 'video', maxBytes: 16 * MB },
  'video/3gpp': { kind: 'video', maxBytes: 16 * MB },
  'audio/aac': { kind: 'audio', maxBytes: 16 * MB },
  'audio/amr': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mp4': { kind: 'audio', maxBytes: 16 * MB },
  'audio/ogg': { kind: 'audio', maxBytes: 16 * MB },
  'text/plain': { kind: 'document', maxBytes: 100 * MB },
  'application/pdf': { kind: 'document', maxBytes: 100 * MB },
  'application/msword': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
  'application/vnd.ms-excel': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
  'application/vnd.ms-powerpoint': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
  // Animated stickers may be 500 KB (static ones 100 KB): the larger bound is checked here.
  'image/webp': { kind: 'sticker', maxBytes: 500 * 1024 },
};

/** The largest file of any kind: the upload route's own limit. */
export const OUTBOUND_MEDIA_MAX_BYTES = 100 * MB;

/** The `accept` attribute of the composer's file input. */
export const outboundMediaAccept = Object.keys(outboundMediaTypes).join(',');

/** Meta refuses a caption on audio and stickers. */
export const mediaTakesCaption = (kind: OutboundMediaKind): boolean =>
  kind !== 'audio' && kind !== 'sticker';

/** The kind and limit of a MIME type (parameters such as `; codecs=opus` ignored). */
export function outboundMediaRule(
  mimeType: string,
): { kind: OutboundMediaKind; maxBytes: number } | undefined {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(outboundMediaTypes, base) ? outboundMediaTypes[base] : undefined;
}

export type OutboundMediaProblem =
  | { code: 'empty'; file: string }
  | { code: 'unsupported_type'; file: string; type: string }
  | { code: 'too_large'; file: string; type: string; size: number; maxBytes: number };

/** Why a file cannot be sent, or null when Meta accepts its type and size. */
export function checkOutboundMedia(file: {
  name: string;
  type: string;
  size: number;
}): OutboundMediaProblem | null {
  const rule = outboundMediaRule(file.type);
  if (rule === undefined) return { code: 'unsupported_type', file: file.name, type: file.type };
  if (file.size === 0) return { code: 'empty', file: file.name };
  if (file.size > rule.maxBytes)
    return {
      code: 'too_large',
      file: file.name,
      type: file.type,
      size: file.size,
      maxBytes: rule.maxBytes,
    };
  return null;
}

/** The text fields of `POST /conversations/:id/media-replies` (multipart, beside `file`). */
export const mediaReplyFieldsSchema = z.object({
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[\w-]+$/),
  caption: z.string().max(1024).optional(),
  replyToMessageId: z.string().min(1).max(64).optional(),
});
export type MediaReplyFields = z.infer<typeof mediaReplyFieldsSchema>;
