import { ZodError } from 'zod';
import type { WebhookEnvelope } from '@kiana/contracts';
import type { ConsentSubject, ContactsService } from '../contacts/contacts.service';
import type { ConversationsService } from '../conversations/conversations.service';
import { parseStatus } from '../conversations/conversations.service';
import type { EventBus } from '../../events/bus';
import type { Executor } from '../../db/executor';
import type { WebhookEventStatus } from './webhooks.repo';
import { delegatedFields, type WebhookFieldHandlers } from './webhooks.directory';
import {
  preferenceSubject,
  revealedIdentities,
  sendersOf,
  type SenderInfo,
} from './webhooks.parse';
import '../conversations/conversations.events';
import '../contacts/contacts.events';

/** One stored event ready for processing. */
export interface ProcessableEvent {
  id: string;
  accountId: string | null;
  envelope: WebhookEnvelope;
}

/** How processing left an event: `pending` means delegated changes still to run. */
export interface InlineOutcome {
  status: Extract<WebhookEventStatus, 'processed' | 'flagged' | 'pending'>;
  error: string | null;
}

/** What happens once the transaction has committed: bus events and media downloads. */
export interface Effects {
  publish: ((bus: EventBus) => void)[];
  mediaMessageIds: string[];
}

export interface ProcessDeps {
  conversations: ConversationsService;
  contacts: ContactsService;
  handlers: WebhookFieldHandlers;
}

const delegated = new Set<string>(delegatedFields);
const MAX_NOTES = 5;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * Applies the `messages` and `user_preferences` changes of many events inside the
 * caller's transaction: every status of the batch in one pass (one SELECT per 500 ids),
 * then inbound messages and opt-outs. Malformed elements are skipped and flag their event;
 * a database error throws, and the caller falls back to one event at a time.
 */
export async function applyInline(
  ex: Executor,
  events: readonly ProcessableEvent[],
  deps: ProcessDeps,
): Promise<{ outcomes: Map<string, InlineOutcome>; effects: Effects }> {
  const notes = new Map<string, string[]>();
  const deferred = new Set<string>();
  const note = (id: string, text: string): void => {
    const list = notes.get(id) ?? [];
    if (list.length < MAX_NOTES) list.push(text);
    notes.set(id, list);
  };
  const statuses: ReturnType<typeof parseStatus>[] = [];
  const inbound: {
    event: ProcessableEvent;
    phoneNumberId: string;
    sender: SenderInfo;
    message: unknown;
  }[] = [];
  const consents: {
    event: ProcessableEvent;
    subject: ConsentSubject;
    messageId?: string;
    optedOut: boolean;
    at: number;
    /** `user_preferences[:category]` or `keyword:<text>`, recorded on the contact. */
    source: string;
  }[] = [];
  const revealed: ReturnType<typeof revealedIdentities> = [];

  for (const event of events) {
    for (const entry of event.envelope.entry) {
      for (const change of entry.changes) {
        if (delegated.has(change.field)) {
          if (deps.handlers[change.field] === undefined)
            note(event.id, `no handler for field ${change.field}`);
          else deferred.add(event.id);
          continue;
        }
        if (change.field !== 'messages' && change.field !== 'user_preferences') {
          // Stored and shown, never refused: a non-200 would only make Meta retry it for days.
          note(event.id, `unknown field ${change.field.slice(0, 80)}`);
          continue;
        }
        const value = obj(change.value);
        if (value === null) {
          note(event.id, `${change.field}: value is not an object`);
          continue;
        }
        arr(value.statuses).forEach((s, i) => {
          try {
            statuses.push(parseStatus(s));
          } catch (e) {
            note(event.id, `statuses[${i}]: ${errText(e)}`);
          }
        });
        for (const err of arr(value.errors)) {
          const o = obj(err);
          note(
            event.id,
            `Meta reported error ${String(o?.code ?? '?')}: ${String(o?.title ?? o?.message ?? '')}`.slice(
              0,
              200,
            ),
          );
        }
        const phoneNumberId = obj(value.metadata)?.phone_number_id;
        const messages = arr(value.messages);
        if (messages.length === 0) revealed.push(...revealedIdentities(value));
        if (messages.length > 0 && typeof phoneNumberId !== 'string') {
          note(event.id, 'messages without metadata.phone_number_id');
        } else if (typeof phoneNumberId === 'string') {
          const senderOf = sendersOf(value);
          for (const message of messages) {
            inbound.push({ event, phoneNumberId, sender: senderOf(message), message });
          }
        }
        for (const p of arr(value.user_preferences)) {
          const o = obj(p);
          const v = o?.value;
          const subject = preferenceSubject(p);
          if (o === null || subject === null || (v !== 'stop' && v !== 'resume')) {
            if (v !== 'signup')
              note(event.id, 'user_preferences element without wa_id/user_id or stop/resume');
            continue;
          }
          const ts = typeof o.timestamp === 'number' ? o.timestamp * 1000 : null;
          const category = String(o.category ?? '');
          consents.push({
            event,
            subject,
            optedOut: v === 'stop',
            at: ts ?? Date.now(),
            source: `user_preferences${category === '' ? '' : `:${category}`}`,
          });
        }
      }
    }
  }

  const effects: Effects = { publish: [], mediaMessageIds: [] };
  if (statuses.length > 0) {
    const result = await deps.conversations.applyStatusEvents(ex, statuses);
    for (const change of result.changed)
      effects.publish.push((bus) => bus.publish('messages.status', change));
    for (const { contactId, optedOut, source, at } of result.consents)
      effects.publish.push((bus) =>
        bus.publish('contacts.consent', { contactId, optedOut, source, at }),
      );
  }
  for (const job of inbound) {
    let stored;
    try {
      stored = await deps.conversations.recordInbound(ex, {
        accountId: job.event.accountId,
        phoneNumberId: job.phoneNumberId,
        profileName: job.sender.profileName,
        userId: job.sender.userId,
        username: job.sender.username,
        message: job.message,
      });
    } catch (e) {
      if (!isShapeError(e)) throw e;
      note(job.event.id, `message: ${errText(e)}`);
      continue;
    }
    const { facts } = stored;
    if (!facts.isKnownType) note(job.event.id, `unknown message type ${facts.type.slice(0, 40)}`);
    if (!stored.isNew) continue;
    const { messageId, conversationId, contactId } = stored;
    effects.publish.push((bus) =>
      bus.publish('messages.received', { messageId, conversationId, contactId, type: facts.type }),
    );
    if (facts.media !== null) effects.mediaMessageIds.push(messageId);
    const keyword = deps.contacts.keywordOf(facts.keywordText);
    if (keyword !== null) {
      consents.push({
        event: job.event,
        // By identity, not contact id: a later message of this batch may merge the contact.
        subject: { waId: facts.from, userId: facts.fromUserId ?? job.sender.userId },
        messageId,
        optedOut: keyword === 'stop',
        at: facts.at,
        source: `keyword:${(facts.keywordText ?? '').trim().slice(0, 40)}`,
      });
    }
  }
  for (const who of revealed) await deps.contacts.revealPhone(ex, who);
  for (const c of consents) {
    const { source } = c;
    const contactId = await deps.contacts.recordConsent(ex, {
      ...c.subject,
      optedOut: c.optedOut,
      at: c.at,
      source,
      messageId: c.messageId ?? null,
    });
    effects.publish.push((bus) =>
      bus.publish('contacts.consent', { contactId, optedOut: c.optedOut, source, at: c.at }),
    );
  }

  const outcomes = new Map<string, InlineOutcome>();
  for (const event of events) {
    const list = notes.get(event.id);
    const error = list === undefined ? null : list.join('; ');
    outcomes.set(event.id, {
      status: deferred.has(event.id) ? 'pending' : error === null ? 'processed' : 'flagged',
      error,
    });
  }
  return { outcomes, effects };
}

function isShapeError(e: unknown): boolean {
  return e instanceof ZodError;
}

/** Runs the changes owned by other modules (templates, numbers, account); outside any transaction. */
export async function runDelegated(
  event: ProcessableEvent,
  handlers: WebhookFieldHandlers,
): Promise<string[]> {
  const errors: string[] = [];
  for (const entry of event.envelope.entry) {
    for (const change of entry.changes) {
      const handler = handlers[change.field];
      if (!delegated.has(change.field) || handler === undefined) continue;
      try {
        await handler(entry.id, change.value);
      } catch (e) {
        errors.push(`${change.field}: ${errText(e)}`);
      }
    }
  }
  return errors;
}
