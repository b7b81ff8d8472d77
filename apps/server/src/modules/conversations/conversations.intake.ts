import { ZodError } from 'zod';
import type { IntakeHandler } from '../webhooks/webhooks.intake';
import { sendersOf, type SenderInfo } from '../webhooks/webhooks.parse';
import { parseStatus, type ConversationsService, type ParsedStatus } from './conversations.service';
import './conversations.events';
import '../contacts/contacts.events';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * The conversations module's part of webhook intake, in the intake transaction: every
 * status of the batch in one pass (one SELECT per 500 ids), then the inbound messages,
 * which it hands on as `context.received` (keyword opt-outs are the contacts handler's).
 */
export function conversationsIntakeHandler(deps: {
  conversations: ConversationsService;
  /** Called after the commit with the ids of new inbound messages that carry media. */
  onMedia?: (messageIds: string[]) => void;
}): IntakeHandler {
  const { conversations } = deps;
  return {
    name: 'conversations.messages',
    fields: ['messages'],
    async apply(tx, changes, context) {
      const statuses: ParsedStatus[] = [];
      const inbound: {
        eventId: string;
        accountId: string | null;
        phoneNumberId: string;
        sender: SenderInfo;
        message: unknown;
      }[] = [];
      for (const { eventId, accountId, value } of changes) {
        arr(value.statuses).forEach((s, i) => {
          try {
            statuses.push(parseStatus(s));
          } catch (e) {
            context.note(eventId, `statuses[${i}]: ${errText(e)}`);
          }
        });
        const phoneNumberId = obj(value.metadata)?.phone_number_id;
        const messages = arr(value.messages);
        if (messages.length > 0 && typeof phoneNumberId !== 'string') {
          context.note(eventId, 'messages without metadata.phone_number_id');
        } else if (typeof phoneNumberId === 'string') {
          const senderOf = sendersOf(value);
          for (const message of messages)
            inbound.push({ eventId, accountId, phoneNumberId, sender: senderOf(message), message });
        }
      }

      if (statuses.length > 0) {
        const result = await conversations.applyStatusEvents(tx, statuses);
        for (const change of result.changed) context.publish('messages.status', change);
        for (const { contactId, optedOut, source, at } of result.consents)
          context.publish('contacts.consent', { contactId, optedOut, source, at });
      }

      const mediaMessageIds: string[] = [];
      for (const job of inbound) {
        let stored;
        try {
          stored = await conversations.recordInbound(tx, {
            accountId: job.accountId,
            phoneNumberId: job.phoneNumberId,
            profileName: job.sender.profileName,
            userId: job.sender.userId,
            username: job.sender.username,
            message: job.message,
          });
        } catch (e) {
          // A malformed message is skipped and noted; a database error fails the batch.
          if (!(e instanceof ZodError)) throw e;
          context.note(job.eventId, `message: ${errText(e)}`);
          continue;
        }
        const { facts } = stored;
        if (!facts.isKnownType)
          context.note(job.eventId, `unknown message type ${facts.type.slice(0, 40)}`);
        if (!stored.isNew) continue;
        const { messageId, conversationId, contactId } = stored;
        context.publish('messages.received', {
          messageId,
          conversationId,
          contactId,
          type: facts.type,
        });
        if (facts.media !== null) mediaMessageIds.push(messageId);
        context.received.push({
          eventId: job.eventId,
          messageId,
          waId: facts.from,
          userId: facts.fromUserId ?? job.sender.userId,
          keywordText: facts.keywordText,
          at: facts.at,
          accountId: job.accountId,
          phoneNumberId: job.phoneNumberId,
        });
      }
      const { onMedia } = deps;
      if (mediaMessageIds.length > 0 && onMedia !== undefined)
        context.afterCommit(() => onMedia(mediaMessageIds));
    },
  };
}
