import { createHash } from 'node:crypto';
import type { WebhookInboundMessage } from '@kiana/contracts';
import type { SimContext } from '../context';
import { newGraphId, newWamid } from '../state/ids';
import { digitsOf, type PhoneNumberDef } from '../state/model';
import { bsuidOf } from './identity';
import { RECEIVED_MEDIA_TTL_MS } from '../media/lifetime';

// Simulated customers writing to the business: every inbound type of the spec's webhook
// examples (NOTES §3.6). Each message opens the 24-hour customer service window.

/** An inbound message without the fields WhatsApp fills in (from, id, timestamp). */
export interface InboundDraft {
  type: string;
  /** Click-to-WhatsApp ad / Page button the customer came from (starts a free entry point). */
  referral?: { source_type: string; [key: string]: unknown };
  context?: { id?: string; from?: string; [key: string]: unknown };
  [key: string]: unknown;
}

const mediaTypes = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** Delivers a message from `waId` to `phone` as a webhook and returns it as sent. */
export function deliverInbound(
  ctx: SimContext,
  phone: PhoneNumberDef,
  waId: string,
  draft: InboundDraft,
): WebhookInboundMessage {
  const now = ctx.clock.now();
  const customer = ctx.store.customers.get(waId);
  const withMedia = withContextFrom(phone, attachMedia(ctx, phone, draft));
  const userId = bsuidOf(waId, customer);
  const withheld = customer?.phoneWithheld === true;
  // Since 2026 every inbound message carries the sender's business-scoped user id; a customer
  // who adopted a username and withholds the number has no `from` / `wa_id` at all (Meta,
  // "Business-scoped user IDs": incoming messages webhooks; NOTES §3.6).
  const message = {
    ...(withheld ? {} : { from: waId }),
    from_user_id: userId,
    id: newWamid(waId, 'inbound'),
    timestamp: String(Math.floor(now / 1000)),
    ...withMedia,
  } as WebhookInboundMessage;
  // System messages (number changes) carry no contacts (S1 example).
  const contacts =
    draft.type === 'system'
      ? undefined
      : [
          {
            profile: {
              name: customer?.name ?? waId,
              ...(customer?.username !== undefined ? { username: customer.username } : {}),
            },
            ...(withheld ? {} : { wa_id: waId }),
            user_id: userId,
          },
        ];
  ctx.sender.sendMessages(phone, {
    ...(contacts !== undefined ? { contacts } : {}),
    messages: [message],
  });
  const key = `${phone.id}:${waId}`;
  ctx.store.lastInbound.set(key, now);
  ctx.store.addInbound(message.id, { phoneNumberId: phone.id, waId, at: now });
  // A click-to-WhatsApp ad or a Page button (a `referral`) starts a free entry point: the
  // business's answer within 24 h opens 72 free hours (NOTES §6.5).
  if (draft.referral !== undefined) {
    ctx.store.entryPoints.set(key, now);
    ctx.store.entryPointWindows.delete(key);
  }
  ctx.store.addConversation(waId, {
    id: message.id,
    direction: 'inbound',
    phoneNumberId: phone.id,
    at: now,
    type: message.type,
    text: describeInbound(message),
  });
  return message;
}

/** A reply's `context.from` is the business number in digits (S1 examples). */
function withContextFrom(phone: PhoneNumberDef, draft: InboundDraft): InboundDraft {
  const context = draft.context;
  if (context === undefined || context.id === undefined || context.from !== undefined) return draft;
  return { ...draft, context: { from: digitsOf(phone.displayPhoneNumber), ...context } };
}

/** Gives a media draft a fetchable media id (with fake bytes) unless it has one. */
function attachMedia(ctx: SimContext, phone: PhoneNumberDef, draft: InboundDraft): InboundDraft {
  const now = ctx.clock.now();
  const type = draft.type;
  if (!(mediaTypes as readonly string[]).includes(type)) return draft;
  const given = (draft[type] ?? {}) as Record<string, unknown>;
  if (typeof given.id === 'string' && ctx.store.media.has(given.id)) return draft;
  const mimeType =
    typeof given.mime_type === 'string'
      ? given.mime_type
      : (defaultMime[type] ?? 'application/octet-stream');
  const bytes = Buffer.from(`simulated ${type} from customer`, 'utf8');
  const id = typeof given.id === 'string' ? given.id : newGraphId();
  const sha256 =
    typeof given.sha256 === 'string'
      ? given.sha256
      : createHash('sha256').update(bytes).digest('base64');
  ctx.store.media.set(id, {
    id,
    phoneNumberId: phone.id,
    mimeType,
    bytes,
    sha256,
    createdAt: now,
    expiresAt: now + RECEIVED_MEDIA_TTL_MS,
  });
  return { ...draft, [type]: { ...given, mime_type: mimeType, sha256, id } };
}

const defaultMime: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg; codecs=opus',
  document: 'application/pdf',
  sticker: 'image/webp',
};

/** A one-line rendering for the customer phone page. */
export function describeInbound(m: WebhookInboundMessage): string {
  switch (m.type) {
    case 'text':
      return m.text?.body ?? '';
    case 'interactive':
      return (
        m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '[interactive]'
      );
    case 'button':
      return m.button?.text ?? '';
    case 'reaction':
      return `reacted ${m.reaction?.emoji ?? ''}`;
    case 'location':
      return `📍 ${m.location?.latitude ?? ''}, ${m.location?.longitude ?? ''}`;
    default:
      return `[${m.type}]`;
  }
}
