import type { Executor } from '../../../db/executor';
import { AppError } from '../../../errors';
import { GraphApiError } from '../../../whatsapp/graph.errors';
import type { AccountGraphApi } from '../../../whatsapp/graph.client';
import type { MessageContent } from '../../../whatsapp/graph.messages';
import { waIdOfE164 } from '../../contacts/contacts.phone';
import type { ContactsService } from '../../contacts/contacts.service';
import type { ConversationsService } from '../../conversations/conversations.service';
import type { Suppression } from '../../privacy/suppression';
import { optedOutAmong } from './sender.repo';

/**
 * The Sender: the one path from the panel to Meta for business-initiated messages (campaigns,
 * the campaign test send) and the inbox's replies (`sendTracked`). It checks who must not be
 * messaged, makes exactly one request (never retried here: the caller decides, because a
 * blind retry of a send is a possible duplicate), and stores the outbound message in the
 * contact's conversation. The dispatcher uses the three steps separately so it can batch
 * the checks and the writes; `send` chains them for a single message.
 */

/** Why a number must not get a message now. */
export type BlockReason = 'suppressed' | 'opted_out';

/** Who a message goes to and from. */
export interface OutboundTarget {
  accountId: string;
  phoneNumberId: string;
  /** E.164 with `+`. */
  phoneE164: string;
  /** The contact when known; otherwise one is found or created from the number. */
  contactId: string | null;
}

/** What ties a message to a campaign attempt; `bizOpaqueCallbackData` is derived from it. */
export interface SendTag {
  campaignId: string | null;
  attemptId: string | null;
}

export type PostOutcome = { ok: true; wamid: string } | { ok: false; error: GraphApiError };

/** What a stored outbound message needs. */
export interface RecordInput extends OutboundTarget, SendTag {
  wamid: string;
  content: MessageContent;
}

export interface Sender {
  /** The numbers among `phones` that must not be messaged; opt-outs count for marketing only. */
  blocked(
    ex: Executor,
    phones: readonly string[],
    opts: { marketing: boolean },
  ): Promise<Map<string, BlockReason>>;
  /** The account's Graph API (cached for a short while: the dispatcher calls it per batch). */
  api(accountId: string): Promise<AccountGraphApi>;
  /** One request to Meta. A Graph failure is returned, any other error thrown. */
  post(
    api: AccountGraphApi,
    target: Pick<OutboundTarget, 'phoneNumberId' | 'phoneE164'>,
    content: MessageContent,
    tag: SendTag,
  ): Promise<PostOutcome>;
  /**
   * The contacts of numbers about to be recorded, found or created for the whole batch at
   * once (a `record` without a contact id finds or creates its own, one at a time).
   */
  contactsOf(tx: Executor, phones: readonly string[]): Promise<Map<string, string>>;
  /** Stores the sent message in the contact's conversation; returns its ids. */
  record(tx: Executor, input: RecordInput): Promise<{ messageId: string; contactId: string }>;
  /** `record` for several sent messages in a few statements; results in the inputs' order. */
  recordMany(
    tx: Executor,
    inputs: readonly RecordInput[],
  ): Promise<{ messageId: string; contactId: string }[]>;
  /** Before several `record`s in one transaction: their wamids' locks, taken in one order. */
  lockRecords(tx: Executor, wamids: readonly string[]): Promise<void>;
  /**
   * The inbox's send: checks the recipient (throws a 409 `recipient_*` before anything is
   * stored), lets the caller store the message as `pending` (`store` returns its id: the
   * screen shows it as sending), makes one request and writes Meta's answer onto that
   * message: its wamid, or the refusal with Meta's code and title. Never retried here.
   */
  sendTracked(
    input: OutboundTarget & {
      /**
       * The message, or a function making it with the account's API once the message is
       * stored (a media reply uploads its file first; a refused upload fails the message).
       */
      content: MessageContent | ((api: AccountGraphApi) => Promise<MessageContent>);
      marketing: boolean;
      store: () => Promise<string>;
    },
  ): Promise<{ messageId: string; outcome: PostOutcome }>;
  /** Checks, sends and stores one message (test send); throws on refusal or failure. */
  send(
    input: OutboundTarget & SendTag & { content: MessageContent; marketing: boolean },
  ): Promise<{ messageId: string; wamid: string; contactId: string }>;
}

/** `biz_opaque_callback_data` of a campaign attempt: Meta echoes it on every status webhook. */
export function callbackDataOf(attemptId: string): string {
  return `c:${attemptId}`;
}

/** The attempt id in a status webhook's `biz_opaque_callback_data`, or null. */
export function attemptIdOf(callbackData: string | null | undefined): string | null {
  return typeof callbackData === 'string' && callbackData.startsWith('c:')
    ? callbackData.slice(2)
    : null;
}

const API_CACHE_MS = 30_000;

export function createSender(deps: {
  db: Executor;
  now: () => number;
  suppression: Pick<Suppression, 'suppressedAmong'>;
  contacts: Pick<ContactsService, 'identify' | 'identifyNumbers'>;
  conversations: Pick<
    ConversationsService,
    'recordOutboundMany' | 'acceptOutbound' | 'failOutbound' | 'lockOutbound'
  >;
  graphAccess: (accountId: string) => Promise<{ api: AccountGraphApi }>;
}): Sender {
  const apis = new Map<string, { api: Promise<AccountGraphApi>; until: number }>();
  /** Throws a 409 when the number must not get this message (suppressed, opted out of marketing). */
  async function refuseBlocked(input: { phoneE164: string; marketing: boolean }): Promise<void> {
    const refused = (await sender.blocked(deps.db, [input.phoneE164], input)).get(input.phoneE164);
    if (refused !== undefined)
      throw new AppError(`recipient_${refused}`, `The recipient is ${refused.replace('_', ' ')}`, {
        status: 409,
      });
  }
  const sender: Sender = {
    async blocked(ex, phones, opts) {
      const out = new Map<string, BlockReason>();
      if (phones.length === 0) return out;
      if (opts.marketing) for (const p of await optedOutAmong(ex, phones)) out.set(p, 'opted_out');
      // Suppression wins: it is the stronger reason (an erased person asked never again).
      for (const p of await deps.suppression.suppressedAmong(phones)) out.set(p, 'suppressed');
      return out;
    },

    api(accountId) {
      const at = deps.now();
      const cached = apis.get(accountId);
      if (cached !== undefined && cached.until > at) return cached.api;
      const api = deps.graphAccess(accountId).then((a) => a.api);
      apis.set(accountId, { api, until: at + API_CACHE_MS });
      api.catch(() => apis.delete(accountId));
      return api;
    },

    async post(api, target, content, tag) {
      const data = tag.attemptId === null ? undefined : callbackDataOf(tag.attemptId);
      const withData = (
        data === undefined ? content : { ...content, biz_opaque_callback_data: data }
      ) as MessageContent;
      try {
        const res = await api.sendTo(
          target.phoneNumberId,
          { kind: 'phone', waId: waIdOfE164(target.phoneE164) },
          withData,
        );
        const wamid = res.messages[0]?.id;
        if (wamid === undefined) throw new Error('Meta accepted the send without a message id');
        return { ok: true, wamid };
      } catch (error) {
        if (error instanceof GraphApiError) return { ok: false, error };
        throw error;
      }
    },

    async contactsOf(tx, phones) {
      return phones.length === 0 ? new Map() : await deps.contacts.identifyNumbers(tx, phones);
    },

    lockRecords: (tx, wamids) => deps.conversations.lockOutbound(tx, wamids),

    async record(tx, input) {
      return (await sender.recordMany(tx, [input]))[0] as { messageId: string; contactId: string };
    },

    async recordMany(tx, inputs) {
      const contactIds: string[] = [];
      for (const input of inputs)
        contactIds.push(
          input.contactId ??
            (await deps.contacts.identify(tx, { waId: waIdOfE164(input.phoneE164), userId: null }))
              .contactId,
        );
      const stored = await deps.conversations.recordOutboundMany(
        tx,
        inputs.map((input, n) => ({
          accountId: input.accountId,
          phoneNumberId: input.phoneNumberId,
          contactId: contactIds[n] as string,
          wamid: input.wamid,
          type: String((input.content as { type?: unknown }).type),
          text: textOf(input.content),
          payload: input.content,
          bizOpaqueCallbackData: input.attemptId === null ? null : callbackDataOf(input.attemptId),
          campaignId: input.campaignId,
          attemptId: input.attemptId,
        })),
      );
      return stored.map((s, n) => ({ messageId: s.messageId, contactId: contactIds[n] as string }));
    },

    async sendTracked(input) {
      await refuseBlocked(input);
      const messageId = await input.store();
      let outcome: PostOutcome;
      try {
        const api = await sender.api(input.accountId);
        const made = await prepared(api, input.content);
        outcome = made.ok
          ? await sender.post(api, input, made.content, { campaignId: null, attemptId: null })
          : made;
      } catch (error) {
        // No answer from Meta (no account, a network failure): the message must not stay
        // "sending" forever; it fails with the reason and may be retried.
        const title = error instanceof Error ? error.message : String(error);
        await deps.conversations.failOutbound(deps.db, messageId, {
          code: null,
          title,
          message: null,
          details: null,
        });
        throw error;
      }
      const stored = outcome;
      await deps.db.transaction().execute(async (tx) => {
        if (stored.ok) await deps.conversations.acceptOutbound(tx, messageId, stored.wamid);
        else
          await deps.conversations.failOutbound(tx, messageId, {
            code: stored.error.metaCode ?? null,
            title: stored.error.title ?? stored.error.message,
            message: stored.error.message,
            details: stored.error.metaDetails ?? null,
          });
      });
      return { messageId, outcome };
    },

    async send(input) {
      await refuseBlocked(input);
      const api = await sender.api(input.accountId);
      const outcome = await sender.post(api, input, input.content, input);
      if (!outcome.ok) throw outcome.error;
      const { wamid } = outcome;
      const stored = await deps.db
        .transaction()
        .execute((tx) => sender.record(tx, { ...input, wamid }));
      return { ...stored, wamid };
    },
  };
  return sender;
}

/** The content of a tracked send; Meta's refusal of a preparing call (an upload) is returned. */
async function prepared(
  api: AccountGraphApi,
  content: MessageContent | ((api: AccountGraphApi) => Promise<MessageContent>),
): Promise<{ ok: true; content: MessageContent } | { ok: false; error: GraphApiError }> {
  if (typeof content !== 'function') return { ok: true, content };
  try {
    return { ok: true, content: await content(api) };
  } catch (error) {
    if (error instanceof GraphApiError) return { ok: false, error };
    throw error;
  }
}

/** The text shown in the conversation for a message: its body, or the template's name. */
function textOf(content: MessageContent): string | null {
  const c = content as { type: string; text?: { body?: string }; template?: { name?: string } };
  if (c.type === 'text') return c.text?.body ?? null;
  if (c.type === 'template') return c.template?.name ?? null;
  return null;
}
