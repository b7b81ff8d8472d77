import type { SendMessageRequest } from '@kiana/contracts';
import type { MessagePricing } from '../pricing/pricing';
import type { CustomerDef, PhoneNumberDef, SeedData, TemplateDef, WabaDef } from './model';

// All of "Meta"'s state, in memory: the send path never touches disk.

/** What the oracle records for every accepted message (`GET /_sim/messages`). */
export interface SentMessage {
  id: string;
  phone_number_id: string;
  to: string;
  wa_id: string;
  type: string;
  template_name?: string;
  template_language?: string;
  /** Pricing category: marketing, marketing_lite, utility, authentication(_international), service… */
  category: string;
  /** What Meta bills it as (the status webhooks' `pricing`). */
  pricing: MessagePricing;
  /** The recipient's business-scoped user id. */
  user_id: string;
  /** True when the business addressed it by BSUID (`recipient`) instead of a phone number. */
  sent_to_user_id?: boolean;
  /** Business-initiated outside an open window: counts against the portfolio's messaging limit. */
  counts_for_limit?: boolean;
  /** Template pacing: held until the template's quality is assessed (NOTES §1.3). */
  held?: boolean;
  biz_opaque_callback_data?: string;
  received_at: number;
  api_version: string;
  status: 'accepted' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';
  error_code?: number;
  payload: SendMessageRequest;
}

/** One line of a customer's chat as the customer phone shows it. */
export interface ConversationEntry {
  id: string;
  direction: 'inbound' | 'outbound';
  phoneNumberId: string;
  at: number;
  type: string;
  /** A short human-readable rendering. */
  text: string;
  /** Quick replies / buttons the customer can tap. */
  buttons?: { id: string; title: string; kind: 'quick_reply' | 'button_reply' | 'list_reply' }[];
  status?: string;
}

export interface MediaItem {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  bytes: Buffer;
  sha256: string;
  createdAt: number;
  /** Simulated time (SimClock) after which the id is gone: 30 days uploaded, 7 days received. */
  expiresAt: number;
}

/** A read receipt (and typing indicator) the business sent, for the oracle. */
export interface ReadReceipt {
  message_id: string;
  phone_number_id: string;
  wa_id: string;
  typing_indicator: boolean;
  at: number;
}

/** An inbound message as "Meta" remembers it (targets of read receipts and reactions). */
export interface InboundRecord {
  phoneNumberId: string;
  waId: string;
  at: number;
}

/** Restrictions Meta placed on a WABA (`account_update`). */
export interface AccountRestriction {
  /** Simulated time until which business-initiated messages fail (RESTRICTED_BIZ_INITIATED_MESSAGING). */
  bizInitiatedUntil?: number;
  /** Banned (DISABLED_UPDATE with waba_ban_state DISABLE): every send fails. */
  banned?: boolean;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  errorCode?: number;
}

const MAX_CONVERSATION = 200;
const MAX_REQUEST_LOG = 10_000;
/** Inbound messages remembered as read-receipt / reaction targets (benchmarks send millions). */
const MAX_INBOUND = 200_000;

/** The mutable in-memory state of one simulator. */
export class Store {
  waba!: WabaDef;
  numbers = new Map<string, PhoneNumberDef>();
  templates = new Map<string, TemplateDef>();
  customers = new Map<string, CustomerDef>();
  messages: SentMessage[] = [];
  messagesById = new Map<string, SentMessage>();
  countsByRecipient = new Map<string, number>();
  conversations = new Map<string, ConversationEntry[]>();
  /** Last inbound message time (simulated) per `phoneNumberId:waId`: the customer service window. */
  lastInbound = new Map<string, number>();
  /** Simulated time a customer arrived through an ad / Page button, per `phoneNumberId:waId`. */
  entryPoints = new Map<string, number>();
  /** Simulated time the business first answered an entry-point arrival (opens the 72 h window). */
  entryPointWindows = new Map<string, number>();
  /** Inbound messages by wamid. */
  inbound = new Map<string, InboundRecord>();
  /** Simulated times marketing templates were accepted, per wa_id (per-user marketing cap). */
  marketingLog = new Map<string, number[]>();
  readReceipts: ReadReceipt[] = [];
  /** Messages held by template pacing, per template id. */
  held = new Map<string, SentMessage[]>();
  restrictions = new Map<string, AccountRestriction>();
  /** Simulated time an automatic messaging-limit upgrade applies, when one is due. */
  pendingUpgradeAt: number | undefined;
  media = new Map<string, MediaItem>();
  /** Media ids that expired (so a send of one fails with 131053 instead of passing). */
  expiredMedia = new Set<string>();
  requests: RequestLogEntry[] = [];
  /** Webhook URL overrides per WABA (`subscribed_apps` override_callback_uri). */
  webhookOverrides = new Map<string, string>();
  subscribedApps = new Set<string>();

  constructor(
    private readonly seed: SeedData,
    private readonly maxStoredMessages = 500_000,
  ) {
    this.load(seed);
  }

  /** Replaces every piece of state with the seed. */
  reset(): void {
    this.load(this.seed);
  }

  private load(seed: SeedData): void {
    const copy = structuredClone(seed);
    this.waba = copy.waba;
    this.numbers = new Map(copy.phoneNumbers.map((n) => [n.id, n]));
    this.templates = new Map(copy.templates.map((t) => [t.id, t]));
    this.customers = new Map(copy.customers.map((c) => [c.waId, c]));
    this.messages = [];
    this.messagesById.clear();
    this.countsByRecipient.clear();
    this.conversations.clear();
    this.lastInbound.clear();
    this.entryPoints.clear();
    this.entryPointWindows.clear();
    this.inbound.clear();
    this.marketingLog.clear();
    this.readReceipts = [];
    this.held.clear();
    this.restrictions.clear();
    this.pendingUpgradeAt = undefined;
    this.media.clear();
    this.expiredMedia.clear();
    this.requests = [];
    this.webhookOverrides.clear();
    this.subscribedApps = new Set([copy.waba.appId]);
  }

  /** Records an accepted outbound message. */
  addMessage(message: SentMessage): void {
    this.messages.push(message);
    this.messagesById.set(message.id, message);
    this.countsByRecipient.set(message.wa_id, (this.countsByRecipient.get(message.wa_id) ?? 0) + 1);
    if (this.messages.length > this.maxStoredMessages) {
      // Drop the oldest tenth at once so the array is not shifted on every send.
      const dropped = this.messages.splice(0, Math.ceil(this.maxStoredMessages / 10));
      for (const m of dropped) this.messagesById.delete(m.id);
    }
  }

  /** Appends to a customer's chat, keeping the latest entries only. */
  addConversation(waId: string, entry: ConversationEntry): void {
    let list = this.conversations.get(waId);
    if (list === undefined) {
      list = [];
      this.conversations.set(waId, list);
    }
    list.push(entry);
    if (list.length > MAX_CONVERSATION) list.splice(0, list.length - MAX_CONVERSATION);
  }

  /** Remembers an inbound message (the oldest tenth is forgotten past MAX_INBOUND). */
  addInbound(id: string, record: InboundRecord): void {
    this.inbound.set(id, record);
    if (this.inbound.size <= MAX_INBOUND) return;
    let drop = MAX_INBOUND / 10;
    for (const key of this.inbound.keys()) {
      this.inbound.delete(key);
      if ((drop -= 1) <= 0) break;
    }
  }

  /** Records a read receipt for the oracle, keeping the latest ones only. */
  addReadReceipt(receipt: ReadReceipt): void {
    this.readReceipts.push(receipt);
    if (this.readReceipts.length > MAX_REQUEST_LOG)
      this.readReceipts.splice(0, MAX_REQUEST_LOG / 10);
  }

  /** Logs a Graph request for `GET /_sim/requests`. */
  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_REQUEST_LOG) this.requests.splice(0, MAX_REQUEST_LOG / 10);
  }

  /** True when the customer wrote to this number within the last 24 h, simulated (NOTES §6.5). */
  isWindowOpen(phoneNumberId: string, waId: string, now: number): boolean {
    const last = this.lastInbound.get(`${phoneNumberId}:${waId}`);
    return last !== undefined && now - last < 24 * 3600 * 1000;
  }

  /**
   * True inside a free entry-point window: the customer came through a click-to-WhatsApp ad or
   * a Page button, the business answered within 24 h, and 72 h since that answer have not
   * passed (NOTES §6.5). The first answer opens the window.
   */
  isEntryPointOpen(phoneNumberId: string, waId: string, now: number): boolean {
    const key = `${phoneNumberId}:${waId}`;
    const opened = this.entryPointWindows.get(key);
    if (opened !== undefined) return now - opened < 72 * 3600 * 1000;
    const arrived = this.entryPoints.get(key);
    if (arrived === undefined || now - arrived >= 24 * 3600 * 1000) return false;
    this.entryPointWindows.set(key, now);
    return true;
  }

  /** The template with this name and language in the WABA, if any. */
  findTemplate(wabaId: string, name: string, language: string): TemplateDef | undefined {
    for (const t of this.templates.values()) {
      if (t.wabaId === wabaId && t.name === name && t.language === language) return t;
    }
    return undefined;
  }
}
