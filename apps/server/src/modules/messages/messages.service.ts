import type {
  ApiMessage,
  ApiMessageDetail,
  MessageStatus,
  SendMessageBody,
} from '@kiana/contracts';
import { messageStatusSchema } from '@kiana/contracts';
import type { Db } from '../../db/database';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { MessageContent } from '../../whatsapp/graph.messages';
import type { AccountsService, PhoneNumberRef } from '../accounts/accounts.service';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { throughputOf } from '../campaigns/dispatch/dispatch.number';
import type { MessageLookup } from '../conversations/conversations.module';
import type { OutboundMessageRow } from '../conversations/conversations.lookup.repo';
import type { TemplatesService } from '../templates/templates.service';
import { freeFormContent, mappingOf, unknownParameters } from './messages.content';
import type { ApiSendPacer } from './messages.pacer';

/** Transactional sends of the public API (`POST /api/v1/messages`) and their status. */
export interface MessagesService {
  send(body: SendMessageBody, by: AuditContext): Promise<ApiMessage>;
  get(id: string): Promise<ApiMessageDetail>;
}

export interface MessagesDeps {
  db: Db;
  now: () => number;
  sender: Sender;
  pacer: ApiSendPacer;
  audit: Pick<AuditService, 'record'>;
  accounts: Pick<AccountsService, 'findPhoneNumberById' | 'listPhoneNumbers'>;
  templates: Pick<TemplatesService, 'list' | 'slots' | 'renderForSend'>;
  lookup: MessageLookup;
  /** The configured throughput cap of a number (campaign settings), or null. */
  throughputCap: (phoneNumberId: string) => Promise<number | null>;
}

/**
 * One message to one number through the campaigns' Sender: the same suppression and
 * opt-out checks (opt-outs bar marketing templates only), one request to Meta paced at the
 * number's rate, the message stored in the contact's conversation with its audit record in
 * one transaction. Exactly once per `Idempotency-Key` comes from the API's idempotency layer
 * (a concurrent retry is refused while the first runs, a later one gets the first answer).
 */
export function createMessagesService(deps: MessagesDeps): MessagesService {
  async function numberOf(phoneNumberId: string | undefined): Promise<PhoneNumberRef> {
    if (phoneNumberId !== undefined) {
      const found = await deps.accounts.findPhoneNumberById(phoneNumberId);
      if (found === undefined) throw new NotFoundError('Phone number', phoneNumberId);
      return found;
    }
    const all = await deps.accounts.listPhoneNumbers();
    const only = all[0];
    if (all.length === 1 && only !== undefined) return only;
    if (all.length === 0)
      throw new ConflictError('No sending number is connected', undefined, 'no_sending_number');
    throw new ValidationError('Several numbers can send: give phoneNumberId', {
      phoneNumberIds: all.map((n) => n.phoneNumberId),
    });
  }

  async function templateContent(
    number: PhoneNumberRef,
    template: NonNullable<SendMessageBody['template']>,
  ): Promise<{ content: MessageContent; marketing: boolean }> {
    const found = (
      await deps.templates.list({ accountId: number.accountId, search: template.name })
    ).find((t) => t.name === template.name && t.language === template.language);
    if (found === undefined)
      throw new NotFoundError('Template', `${template.name} (${template.language})`);
    const parameters = template.parameters ?? {};
    const slots = await deps.templates.slots(found.id);
    const unknown = unknownParameters(slots, parameters);
    if (unknown.length > 0)
      throw new ValidationError(`The template has no parameter ${unknown.join(', ')}`, {
        unknown,
        slots: slots.map((s) => s.key),
      });
    const rendered = await deps.templates.renderForSend(found.id, mappingOf(slots, parameters), {});
    return {
      content: { type: 'template', template: rendered } as MessageContent,
      marketing: found.category === 'MARKETING',
    };
  }

  async function freeForm(number: PhoneNumberRef, body: SendMessageBody): Promise<MessageContent> {
    // Meta refuses free-form messages outside the window only later, in a status webhook
    // (131047); refusing here tells the caller at once and spends no request.
    const expiresAt = await deps.lookup.windowExpiry(deps.db.kysely, number.phoneNumberId, body.to);
    if (expiresAt === null || deps.now() >= expiresAt)
      throw new AppError(
        'window_closed',
        'The customer service window is closed: send an approved template',
        {
          status: 409,
          details: {
            windowExpiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
          },
        },
      );
    return freeFormContent(body);
  }

  return {
    async send(body, by) {
      const number = await numberOf(body.phoneNumberId);
      const { content, marketing } =
        body.template !== undefined
          ? await templateContent(number, body.template)
          : { content: await freeForm(number, body), marketing: false };
      const { sender } = deps;
      const refused = (await sender.blocked(deps.db.kysely, [body.to], { marketing })).get(body.to);
      if (refused !== undefined)
        throw new AppError(
          `recipient_${refused}`,
          `The recipient is ${refused.replace('_', ' ')}`,
          {
            status: 409,
          },
        );
      const rate =
        (await deps.throughputCap(number.phoneNumberId)) ?? throughputOf(number.throughputLevel);
      await deps.pacer.acquire(number.phoneNumberId, rate);
      const api = await sender.api(number.accountId);
      const target = { phoneNumberId: number.phoneNumberId, phoneE164: body.to };
      const tag = { campaignId: null, attemptId: null };
      const outcome = await sender.post(api, target, content, tag);
      if (!outcome.ok) throw outcome.error;
      const { wamid } = outcome;
      const stored = await deps.db.kysely.transaction().execute(async (tx) => {
        const ids = await sender.record(tx, {
          accountId: number.accountId,
          ...target,
          contactId: null,
          ...tag,
          wamid,
          content,
        });
        await deps.audit.record(tx, {
          ...by,
          action: 'messages.send',
          target: { type: 'message', id: ids.messageId },
          details: { phoneNumberId: number.phoneNumberId, type: String(content.type) },
        });
        return ids;
      });
      const row = await deps.lookup.outboundMessage(deps.db.kysely, stored.messageId);
      if (row === undefined) throw new Error(`message ${stored.messageId} vanished after its send`);
      return toApiMessage(row);
    },

    async get(id) {
      const row = await deps.lookup.outboundMessage(deps.db.kysely, id);
      if (row === undefined) throw new NotFoundError('Message', id);
      return { ...toApiMessage(row), history: historyOf(row) };
    },
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function statusOf(raw: string): MessageStatus {
  const parsed = messageStatusSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'pending';
}

function toApiMessage(row: OutboundMessageRow): ApiMessage {
  return {
    id: row.id,
    wamid: row.wamid,
    to: row.phoneE164,
    phoneNumberId: row.phoneNumberId,
    contactId: row.contactId,
    type: row.type,
    status: statusOf(row.status),
    error:
      row.errorCode === null && row.errorTitle === null
        ? null
        : { code: row.errorCode, title: row.errorTitle },
    createdAt: iso(row.createdAt),
  };
}

/**
 * The steps a message went through, in the order of its life (Meta's status times have
 * whole seconds and may precede the panel's own record of the send, so times do not order).
 */
function historyOf(row: OutboundMessageRow): ApiMessageDetail['history'] {
  const steps: { status: MessageStatus; at: number | null }[] = [
    { status: 'pending', at: row.createdAt },
    { status: 'sent', at: row.sentAt },
    { status: 'delivered', at: row.deliveredAt },
    { status: 'read', at: row.readAt },
    { status: 'played', at: row.playedAt },
    { status: 'failed', at: row.failedAt },
  ];
  return steps
    .filter((s): s is { status: MessageStatus; at: number } => s.at !== null)
    .map((s) => ({ status: s.status, at: iso(s.at) }));
}
