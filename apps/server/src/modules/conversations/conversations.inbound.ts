import { z } from 'zod';
import {
  webhookInboundMessageSchema,
  webhookStatusSchema,
  type WebhookStatus,
} from '@kiana/contracts';
import type { StatusEvent } from './conversations.status';

/** The fields every inbound message has, whatever its type (unknown types included). */
const plain = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces');
export const inboundEnvelopeSchema = z
  .looseObject({
    // Since 2026 `from` is omitted when Meta withholds a username user's phone number, and
    // `from_user_id` (the BSUID) is sent instead (Meta's "Business-scoped user IDs" page).
    from: plain.optional(),
    from_user_id: plain.optional(),
    from_parent_user_id: plain.optional(),
    id: plain,
    timestamp: z.string().regex(/^\d{1,12}$/),
    type: z.string().regex(/^[a-z_]{1,64}$/i),
  })
  .refine((o) => o.from !== undefined || o.from_user_id !== undefined, 'no from nor from_user_id')
  // NUL cannot be stored in a PostgreSQL text column; Meta never sends it, a forger might.
  .refine((o) => !JSON.stringify(o).includes('\\u0000'), 'contains a NUL character');

const mediaTypes = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof mediaTypes)[number];

/** What the store keeps of an inbound message, taken from Meta's object. */
export interface InboundFacts {
  wamid: string;
  /** The sender's phone (wa_id), null when Meta withholds it. */
  from: string | null;
  /** The sender's business-scoped user id (BSUID), when sent. */
  fromUserId: string | null;
  fromParentUserId: string | null;
  at: number;
  type: string;
  /** False for a type the specification (and our schema) does not know: kept and flagged. */
  isKnownType: boolean;
  text: string | null;
  contextWamid: string | null;
  media: {
    type: MediaType;
    id: string;
    mime: string;
    sha256: string | null;
    filename: string | null;
  } | null;
  /** Text a consent keyword may be in: a typed text or a quick-reply button (NOTES §7). */
  keywordText: string | null;
  /** An order's catalog, items and total; its note is `text`. */
  order: OrderFacts | null;
}

/** One ordered product as Meta sends it (Meta's order messages webhook reference). */
export interface OrderItem {
  productRetailerId: string | null;
  quantity: number | null;
  itemPrice: number | null;
  currency: string | null;
}

/** An inbound order, kept structured on its message. */
export interface OrderFacts {
  catalogId: string;
  items: OrderItem[];
  /** Σ quantity × item price, when every item has both and one currency; else null. */
  total: { amount: number; currency: string } | null;
}

/** Reads an inbound message object; throws a ZodError when even the common fields are missing. */
export function inboundFacts(raw: unknown): InboundFacts {
  const base = inboundEnvelopeSchema.parse(raw);
  const known = webhookInboundMessageSchema.safeParse(raw);
  const facts: InboundFacts = {
    wamid: base.id,
    from: base.from ?? null,
    fromUserId: base.from_user_id ?? null,
    fromParentUserId: base.from_parent_user_id ?? null,
    at: Number(base.timestamp) * 1000,
    type: base.type,
    isKnownType: known.success,
    text: null,
    contextWamid: null,
    media: null,
    keywordText: null,
    order: null,
  };
  if (!known.success) return facts;
  finishFacts(facts, known.data);
  return facts;
}

function finishFacts(facts: InboundFacts, m: z.infer<typeof webhookInboundMessageSchema>): void {
  facts.contextWamid = m.context?.id ?? null;
  switch (m.type) {
    case 'text':
      facts.text = m.text?.body ?? null;
      facts.keywordText = facts.text;
      break;
    case 'button':
      facts.text = m.button?.text ?? null;
      facts.keywordText = m.button?.text ?? null;
      break;
    case 'interactive':
      facts.text = m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? null;
      facts.keywordText = facts.text;
      break;
    case 'reaction':
      // An empty or missing emoji is the removal of a reaction (NOTES §3.6).
      facts.text = m.reaction?.emoji ?? '';
      facts.contextWamid = m.reaction?.message_id ?? facts.contextWamid;
      break;
    case 'location':
      facts.text = `${m.location?.latitude ?? ''},${m.location?.longitude ?? ''}`;
      break;
    case 'contacts':
      facts.text = (m.contacts ?? []).map((c) => c.name.formatted_name).join(', ');
      break;
    case 'system':
      facts.text = m.system?.body ?? null;
      break;
    case 'order':
      // The customer's note is the message text; the items stay structured (orderFacts).
      facts.text = m.order?.text ?? null;
      facts.order = m.order === undefined ? null : orderFacts(m.order);
      break;
    default:
      break;
  }
  for (const type of mediaTypes) {
    const media = m[type];
    if (m.type === type && media !== undefined) {
      facts.media = {
        type,
        id: media.id,
        mime: media.mime_type,
        sha256: media.sha256 ?? null,
        filename: media.filename ?? null,
      };
      facts.text = media.caption ?? null;
    }
  }
}

const num = (v: number | string | undefined): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return n === undefined || !Number.isFinite(n) ? null : n;
};

function orderFacts(
  o: NonNullable<z.infer<typeof webhookInboundMessageSchema>['order']>,
): OrderFacts {
  const items: OrderItem[] = o.product_items.map((i) => ({
    productRetailerId: i.product_retailer_id ?? null,
    quantity: num(i.quantity),
    itemPrice: num(i.item_price),
    currency: i.currency ?? null,
  }));
  const currencies = new Set(items.map((i) => i.currency));
  const [currency] = currencies;
  const isComplete =
    items.length > 0 &&
    currencies.size === 1 &&
    typeof currency === 'string' &&
    items.every((i) => i.quantity !== null && i.itemPrice !== null);
  // Rounded to cents: item prices are decimals (e.g. 12.99) and sums of floats drift.
  const amount = items.reduce((sum, i) => sum + (i.quantity ?? 0) * (i.itemPrice ?? 0), 0);
  return {
    catalogId: o.catalog_id,
    items,
    total: isComplete ? { amount: Math.round(amount * 100) / 100, currency } : null,
  };
}

// Built once: a zod schema compiles its fast path on first use, so never rebuild it per call.
const statusSchema = webhookStatusSchema.refine(
  (o) => !JSON.stringify(o).includes('\\u0000'),
  'contains a NUL character',
);

/** A status element normalised for the state machine; throws a ZodError when malformed. */
export function statusEvent(raw: unknown): {
  wamid: string;
  event: StatusEvent;
  status: WebhookStatus;
} {
  const s = statusSchema.parse(raw);
  if (!/^\d{1,12}$/.test(s.timestamp))
    throw new Error(`status timestamp "${s.timestamp.slice(0, 20)}" is not unix seconds`);
  const first = s.errors?.[0];
  const expiry = s.conversation?.expiration_timestamp;
  return {
    wamid: s.id,
    status: s,
    event: {
      status: s.status,
      at: Number(s.timestamp) * 1000,
      error:
        first === undefined
          ? null
          : {
              code: first.code,
              title: first.title,
              message: first.message ?? null,
              details: first.error_data?.details ?? null,
            },
      pricing:
        s.pricing === undefined
          ? null
          : {
              model: s.pricing.pricing_model,
              category: s.pricing.category,
              type: s.pricing.type ?? null,
              billable: s.pricing.billable ?? null,
            },
      conversation:
        s.conversation === undefined
          ? null
          : {
              id: s.conversation.id,
              origin: s.conversation.origin.type,
              expiresAt:
                expiry === undefined || !/^\d+$/.test(expiry) ? null : Number(expiry) * 1000,
            },
      bizOpaqueCallbackData: s.biz_opaque_callback_data ?? null,
    },
  };
}
