import type { SimContext } from '../context';
import type { MediaItem } from '../state/store';

// Media id lifetimes (NOTES §5.2): ids from an upload live 30 days, ids received in
// webhooks 7 days, counted on the simulator's compressible clock. An expired id answers
// like one that never existed; sending it fails asynchronously with 131053.

const DAY_MS = 24 * 3600 * 1000;
export const UPLOADED_MEDIA_TTL_MS = 30 * DAY_MS;
export const RECEIVED_MEDIA_TTL_MS = 7 * DAY_MS;

/** The media item if it exists and has not expired; an expired one is forgotten. */
export function liveMedia(ctx: SimContext, id: string): MediaItem | undefined {
  const m = ctx.store.media.get(id);
  if (m === undefined) return undefined;
  if (ctx.clock.now() < m.expiresAt) return m;
  ctx.store.media.delete(id);
  ctx.store.expiredMedia.add(id);
  return undefined;
}

/** True when `id` names media that existed here but has expired. */
export function isExpiredMedia(ctx: SimContext, id: string): boolean {
  return ctx.store.expiredMedia.has(id) || (ctx.store.media.has(id) && !liveMedia(ctx, id));
}

const mediaTypes = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** The media id a send refers to (`{ type: 'image', image: { id } }`), if any. */
export function mediaIdOfSend(
  body: { type: string } & Record<string, unknown>,
): string | undefined {
  if (!mediaTypes.has(body.type)) return undefined;
  const media = body[body.type] as { id?: unknown } | undefined;
  return typeof media?.id === 'string' ? media.id : undefined;
}
