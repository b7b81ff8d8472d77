import { newRowId } from '../../db/ids';
import type { WebhookStatus } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import type { ContactsService } from '../contacts/contacts.service';
import { failurePlan } from '../../whatsapp/graph.failures';
import {
  findConversationById,
  findMessageById,
  findPendingByCallbackData,
  mergeContactHistory,
  findStatusRowsByWamids,
  insertMessage,
  insertPendingStatuses,
  lockWamids,
  stateOfRow,
  takePendingStatuses,
  takePendingStatusesOf,
  tagMessage,
  updateMessageState,
  upsertConversation,
  upsertConversations,
  conversationKey,
  insertMessages,
  noSendOutcome,
  type MessageRow,
  type PendingStatusRow,
} from './conversations.repo';
import { setMessageErrorTitle, setMessageWamid } from './inbox.repo';
import { inboundFacts, statusEvent, type InboundFacts } from './conversations.inbound';
import {
  applyStatuses,
  initialStatusState,
  isStatusStateChanged,
  type MessageStatus,
  type StatusEvent,
  type StatusState,
} from './conversations.status';
import { serviceWindowOf, type ServiceWindow } from './conversations.window';

/** A status element read from a webhook (throws a ZodError or Error when malformed). */
export const parseStatus = statusEvent;
export type ParsedStatus = ReturnType<typeof statusEvent>;

/** The customer service window: 24 h from the customer's last message (NOTES §6.5). */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A message whose delivery state changed. */
export interface StatusChange {
  messageId: string;
  wamid: string;
  conversationId: string;
  status: MessageStatus;
  bizOpaqueCallbackData: string | null;
}

/** A consent choice a status recorded (131050: the customer stopped marketing messages). */
export interface StatusConsent {
  contactId: string;
  optedOut: boolean;
  at: number;
  source: string;
  messageId: string;
}

/** Meta's code for "this user has stopped marketing messages from your business" (NOTES §2.4). */
export const MARKETING_STOPPED_CODE = 131050;

/** The outcome of applying a batch of status elements. */
export interface StatusBatchResult {
  changed: StatusChange[];
  /** Opt-outs recorded because a send failed with 131050, like a STOP keyword. */
  consents: StatusConsent[];
  /** Statuses held because their message is not stored yet. */
  held: number;
}

/** A stored inbound message and what follows from it. */
export interface InboundResult {
  messageId: string;
  conversationId: string;
  contactId: string;
  isNew: boolean;
  facts: InboundFacts;
}

/** An outbound message Meta accepted, to be stored in its contact's conversation. */
export interface OutboundRecord {
  accountId: string | null;
  phoneNumberId: string;
  contactId: string;
  wamid: string;
  type: string;
  text: string | null;
  payload: unknown;
  bizOpaqueCallbackData?: string | null;
  /** The campaign and attempt that sent it (campaign sends). */
  campaignId?: string | null;
  attemptId?: string | null;
}

/** What other modules (webhooks, campaigns, inbox) call. Writes take the caller's transaction. */
export interface ConversationsService {
  /** Applies parsed status elements of any order and multiplicity; unknown ids are held. */
  applyStatusEvents(ex: Executor, statuses: readonly ParsedStatus[]): Promise<StatusBatchResult>;
  /**
   * Stores an inbound message with its contact and conversation; opens the 24 h window. The
   * sender is keyed by phone when Meta sends one, else by BSUID (`from_user_id`/`userId`).
   */
  recordInbound(
    ex: Executor,
    input: {
      accountId: string | null;
      phoneNumberId: string;
      profileName: string | null;
      /** From `value.contacts[]` (2026): the BSUID and username of the sender. */
      userId?: string | null;
      username?: string | null;
      message: unknown;
    },
  ): Promise<InboundResult>;
  /** Stores an outbound message once its wamid is known and applies statuses that came first. */
  recordOutbound(
    ex: Executor,
    input: OutboundRecord,
  ): Promise<{ messageId: string; conversationId: string; status: MessageStatus }>;
  /**
   * `recordOutbound` for several messages in one transaction, a few statements for the whole
   * batch (the dispatcher's answers); the results are in the order of `inputs`.
   */
  recordOutboundMany(
    ex: Executor,
    inputs: readonly OutboundRecord[],
  ): Promise<{ messageId: string; conversationId: string; status: MessageStatus }[]>;
  /**
   * PostgreSQL: takes the per-wamid locks of several sends about to be stored in one
   * transaction, all at once in sorted order, so that storing them one by one cannot deadlock
   * with a status batch for the same wamids (which locks its set sorted too).
   */
  lockOutbound(ex: Executor, wamids: readonly string[]): Promise<void>;
  /**
   * An inbox send stored as `pending` before its request: Meta accepted it with this wamid.
   * Statuses that arrived first (held under the wamid) are applied; returns the new status.
   */
  acceptOutbound(ex: Executor, messageId: string, wamid: string): Promise<MessageStatus>;
  /** An inbox send Meta refused: the failure is stored on the message, explained like a status. */
  failOutbound(
    ex: Executor,
    messageId: string,
    error: { code: number | null; title: string; message: string | null; details: string | null },
  ): Promise<void>;
  /** Held statuses tied to a send through `biz_opaque_callback_data` (its response was lost). */
  heldStatusesFor(ex: Executor, bizOpaqueCallbackData: string): Promise<WebhookStatus[]>;
  /** Whether free-form messages may go out now (the panel's clock); throws NotFound. */
  serviceWindow(ex: Executor, conversationId: string): Promise<ServiceWindow>;
}

/** The conversations service. */
export function createConversationsService(deps: {
  now: () => number;
  contacts: ContactsService;
}): ConversationsService {
  const { now, contacts } = deps;
  // When Meta reveals the phone of a BSUID-only contact, its threads and messages follow it.
  contacts.onMerge(mergeContactHistory);

  /**
   * A send Meta failed with 131050 (the customer stopped marketing messages) is recorded as
   * their opt-out with the message as evidence, exactly like a typed STOP; the contacts
   * service ignores it when the contact holds a newer choice.
   */
  async function recordMarketingStop(
    ex: Executor,
    state: StatusState,
    contactId: string,
    messageId: string,
    at: number,
  ): Promise<StatusConsent | null> {
    if (state.status !== 'failed' || state.error?.code !== MARKETING_STOPPED_CODE) return null;
    const consent: StatusConsent = {
      contactId,
      optedOut: true,
      at: state.failedAt ?? at,
      source: `failed_status:${MARKETING_STOPPED_CODE}`,
      messageId,
    };
    await contacts.recordConsent(ex, consent);
    return consent;
  }

  return {
    async applyStatusEvents(ex, statuses) {
      const byWamid = new Map<string, { events: StatusEvent[]; raws: WebhookStatus[] }>();
      for (const { wamid, event, status } of statuses) {
        const entry = byWamid.get(wamid) ?? { events: [], raws: [] };
        entry.events.push(event);
        entry.raws.push(status);
        byWamid.set(wamid, entry);
      }
      const rows = await findStatusRowsByWamids(ex, [...byWamid.keys()]);
      const found = new Set(rows.map((r) => r.wamid));
      const missing = [...byWamid.keys()].filter((w) => !found.has(w));
      if (missing.length > 0 && (await lockWamids(ex, missing))) {
        // A message stored while we looked is visible now that we hold its lock.
        rows.push(...(await findStatusRowsByWamids(ex, missing)));
      }
      const at = now();
      const changed: StatusChange[] = [];
      const consents: StatusConsent[] = [];
      for (const row of rows) {
        const entry = byWamid.get(row.wamid ?? '');
        if (entry === undefined) continue;
        byWamid.delete(row.wamid ?? '');
        const before = stateOfRow(row);
        const after = applyStatuses(before, entry.events);
        if (!isStatusStateChanged(before, after)) continue;
        await updateMessageState(ex, row.id, after, at, failureOf(after, at));
        if (before.status !== 'failed') {
          const consent = await recordMarketingStop(ex, after, row.contactId, row.id, at);
          if (consent !== null) consents.push(consent);
        }
        changed.push({
          messageId: row.id,
          wamid: row.wamid ?? '',
          conversationId: row.conversationId,
          status: after.status,
          bizOpaqueCallbackData: after.bizOpaqueCallbackData,
        });
      }
      const held: PendingStatusRow[] = [];
      for (const [wamid, entry] of byWamid) {
        for (const raw of entry.raws) {
          held.push({
            wamid,
            status: raw.status,
            payload: JSON.stringify(raw),
            bizOpaqueCallbackData: raw.biz_opaque_callback_data ?? null,
            receivedAt: at,
          });
        }
      }
      await insertPendingStatuses(ex, held);
      return { changed, consents, held: held.length };
    },

    async recordInbound(ex, input) {
      const facts = inboundFacts(input.message);
      const at = now();
      const { contactId } = await contacts.identify(
        ex,
        {
          waId: facts.from,
          userId: facts.fromUserId ?? input.userId ?? null,
          parentUserId: facts.fromParentUserId,
          username: input.username ?? null,
          profileName: input.profileName,
        },
        { inboundAt: facts.at },
      );
      const conversationId = await upsertConversation(ex, {
        phoneNumberId: input.phoneNumberId,
        accountId: input.accountId,
        contactId,
        at: facts.at,
        inbound: true,
        windowMs: SERVICE_WINDOW_MS,
        now: at,
      });
      const row: MessageRow = {
        ...emptyMessage(),
        id: newRowId(),
        conversationId,
        contactId,
        accountId: input.accountId,
        phoneNumberId: input.phoneNumberId,
        wamid: facts.wamid,
        direction: 'in',
        type: facts.type,
        text: facts.text,
        payload: JSON.stringify(input.message),
        contextWamid: facts.contextWamid,
        orderJson: facts.order === null ? null : JSON.stringify(facts.order),
        status: 'received',
        mediaId: facts.media?.id ?? null,
        mediaMime: facts.media?.mime ?? null,
        mediaSha256: facts.media?.sha256 ?? null,
        mediaFilename: facts.media?.filename ?? null,
        mediaStatus: facts.media === null ? null : 'pending',
        sentByMetaAt: facts.at,
        createdAt: at,
        updatedAt: at,
      };
      const { id, isNew } = await insertMessage(ex, row);
      return { messageId: id, conversationId, contactId, isNew, facts };
    },

    async lockOutbound(ex, wamids) {
      await lockWamids(ex, wamids);
    },

    async recordOutbound(ex, input) {
      return (await this.recordOutboundMany(ex, [input]))[0] as Awaited<
        ReturnType<ConversationsService['recordOutbound']>
      >;
    },

    async recordOutboundMany(outer, inputs) {
      if (inputs.length === 0) return [];
      // The held-status lock only lasts as long as a transaction: open one when needed.
      if (!outer.isTransaction)
        return outer.transaction().execute((trx) => this.recordOutboundMany(trx, inputs));
      const ex = outer;
      const at = now();
      const conversations = await upsertConversations(
        ex,
        inputs.map((i) => ({ ...i, at })),
        { inbound: false, windowMs: SERVICE_WINDOW_MS, now: at },
      );
      await lockWamids(
        ex,
        inputs.map((i) => i.wamid),
      );
      const held = await takePendingStatusesOf(
        ex,
        inputs.map((i) => i.wamid),
      );
      const rows = inputs.map((input) => ({
        ...emptyMessage(),
        id: newRowId(),
        conversationId: conversations.get(conversationKey(input)) as string,
        contactId: input.contactId,
        accountId: input.accountId,
        phoneNumberId: input.phoneNumberId,
        wamid: input.wamid,
        direction: 'out' as const,
        type: input.type,
        text: input.text,
        payload: JSON.stringify(input.payload),
        status: 'pending',
        bizOpaqueCallbackData: input.bizOpaqueCallbackData ?? null,
        campaignId: input.campaignId ?? null,
        attemptId: input.attemptId ?? null,
        createdAt: at,
        updatedAt: at,
      }));
      const stored = await insertMessages(ex, rows);
      const out = [];
      for (const [n, input] of inputs.entries()) {
        const row = rows[n] as (typeof rows)[number];
        const { id, isNew } = stored.get(input.wamid) as { id: string; isNew: boolean };
        const heldEvents = (held.get(input.wamid) ?? []).map(
          (h) => statusEvent(JSON.parse(h.payload) as unknown).event,
        );
        held.delete(input.wamid);
        const base = initialStatusState('pending');
        base.bizOpaqueCallbackData = row.bizOpaqueCallbackData;
        const state = applyStatuses(base, heldEvents);
        // The row as inserted is the state already unless statuses were held for it (or the
        // wamid was stored before): no statement more on the campaign's hot path.
        if (!isNew) {
          await updateMessageState(ex, id, state, at, failureOf(state, at));
          if (row.campaignId !== null || row.attemptId !== null) await tagMessage(ex, id, row);
        } else if (heldEvents.length > 0)
          await updateMessageState(ex, id, state, at, failureOf(state, at));
        await recordMarketingStop(ex, state, input.contactId, id, at);
        out.push({ messageId: id, conversationId: row.conversationId, status: state.status });
      }
      return out;
    },

    async acceptOutbound(outer, messageId, wamid) {
      if (!outer.isTransaction)
        return outer.transaction().execute((trx) => this.acceptOutbound(trx, messageId, wamid));
      const ex = outer;
      const at = now();
      await lockWamids(ex, [wamid]);
      await setMessageWamid(ex, messageId, wamid);
      const held = await takePendingStatuses(ex, wamid);
      if (held.length === 0) return 'pending';
      const row = await findMessageById(ex, messageId);
      if (row === undefined) throw new NotFoundError('Message', messageId);
      const events = held.map((h) => statusEvent(JSON.parse(h.payload) as unknown).event);
      const state = applyStatuses(stateOfRow(row), events);
      await updateMessageState(ex, messageId, state, at, failureOf(state, at));
      await recordMarketingStop(ex, state, row.contactId, messageId, at);
      return state.status;
    },

    async failOutbound(ex, messageId, error) {
      const at = now();
      const row = await findMessageById(ex, messageId);
      if (row === undefined) throw new NotFoundError('Message', messageId);
      const state: StatusState = {
        ...stateOfRow(row),
        status: 'failed',
        failedAt: at,
        error:
          error.code === null
            ? null
            : {
                code: error.code,
                title: error.title,
                message: error.message,
                details: error.details,
              },
      };
      await updateMessageState(ex, messageId, state, at, failureOf(state, at));
      if (error.code === null) {
        // Not Meta's refusal (no code): the reason is kept as the title for the logs.
        await setMessageErrorTitle(ex, messageId, error.title);
      }
    },

    async heldStatusesFor(ex, data) {
      const rows = await findPendingByCallbackData(ex, data);
      return rows.map((r) => JSON.parse(r.payload) as WebhookStatus);
    },

    async serviceWindow(ex, conversationId) {
      const row = await findConversationById(ex, conversationId);
      if (row === undefined) throw new NotFoundError('Conversation', conversationId);
      return serviceWindowOf(row, now());
    },
  };
}

/** What a failed state means for the next attempt (graph.failures.ts); nulls otherwise. */
function failureOf(
  s: StatusState,
  at: number,
): { kind: string | null; retryAfterAt: number | null } {
  if (s.status !== 'failed' || s.error === null) return { kind: null, retryAfterAt: null };
  // Counted from Meta's failure time; `at` (our clock) only if Meta sent none.
  return failurePlan(s.error.code, s.failedAt ?? at);
}

/** The columns of a message row that start out empty; for building rows in bulk or in tests. */
export function emptyMessage(): Omit<
  MessageRow,
  | 'id'
  | 'conversationId'
  | 'contactId'
  | 'accountId'
  | 'phoneNumberId'
  | 'wamid'
  | 'direction'
  | 'type'
  | 'text'
  | 'payload'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
> {
  return {
    contextWamid: null,
    ...noSendOutcome,
    orderJson: null,
    pricingModel: null,
    pricingCategory: null,
    pricingType: null,
    pricingBillable: null,
    metaConversationId: null,
    metaConversationOrigin: null,
    metaConversationExpiresAt: null,
    bizOpaqueCallbackData: null,
    campaignId: null,
    attemptId: null,
    mediaId: null,
    mediaMime: null,
    mediaSha256: null,
    mediaFilename: null,
    mediaStatus: null,
    mediaPath: null,
    mediaSize: null,
    mediaError: null,
    sentByMetaAt: null,
    kind: 'message',
    authorUserId: null,
    clientId: null,
  };
}
