import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createContactsService, type ContactsService } from '../contacts/contacts.service';
import { createConversationsService, type ConversationsService } from './conversations.service';
import { createMediaStore, type MediaFetcher, type MediaStore } from './conversations.media';
import { conversationsRoutes } from './conversations.routes';
import { conversationsIntakeHandler } from './conversations.intake';
import { contactsIntakeHandler } from '../contacts/contacts.intake';
import type { IntakeRegistry } from '../webhooks/webhooks.intake';
import { contactMessageHistory, type ContactMessageRow } from './conversations.history.repo';
import { findOutboundMessage, windowExpiryOf } from './conversations.lookup.repo';
import type { Executor } from '../../db/executor';

/** What the conversations module gives the app and the modules built after it. */
export interface ConversationsModule {
  /** The Module, carrying its services so tests can reach them by name (like accounts'). */
  module: Module & { conversations: ConversationsService; contacts: ContactsService };
  conversations: ConversationsService;
  contacts: ContactsService;
  media: MediaStore;
  /** A contact's message count and newest messages (the contact detail page). */
  history: ConversationHistory;
  /** Single-message reads for the public API (transactional sends). */
  lookup: MessageLookup;
}

/** What the API's messages module may read: one outbound message, a number's window. */
export interface MessageLookup {
  outboundMessage: typeof findOutboundMessage;
  windowExpiry: typeof windowExpiryOf;
}

/** What the contacts module may read of a contact's messages. */
export interface ConversationHistory {
  forContact(
    ex: Executor,
    contactId: string,
    limit: number,
  ): Promise<{ count: number; recent: ContactMessageRow[] }>;
}

/**
 * Builds contacts (minimal for now) and conversations with their media store, and registers
 * both modules' webhook intake handlers: conversations first (statuses, inbound messages),
 * then contacts (it reads the messages the first stored for STOP keywords).
 */
export function createConversationsModule(
  ctx: AppContext,
  options: { intake: IntakeRegistry; fetchMedia?: MediaFetcher },
): ConversationsModule {
  const now = () => ctx.clock.now();
  const contacts = createContactsService({ now, settings: ctx.settings });
  const conversations = createConversationsService({ now, contacts });
  const media = createMediaStore({
    db: ctx.db.kysely,
    files: ctx.files,
    fetcher: options.fetchMedia,
    bus: ctx.bus,
    logger: ctx.logger,
    background: ctx.background,
    now,
  });
  options.intake.register(
    conversationsIntakeHandler({ conversations, onMedia: (ids) => media.schedule(ids) }),
  );
  options.intake.register(contactsIntakeHandler(contacts));
  return {
    conversations,
    contacts,
    media,
    history: { forContact: contactMessageHistory },
    lookup: { outboundMessage: findOutboundMessage, windowExpiry: windowExpiryOf },
    module: {
      name: 'conversations',
      conversations,
      contacts,
      routes: (app) => conversationsRoutes(app, media),
      jobs: [
        {
          name: 'conversations.media-resume',
          intervalMs: 5 * 60_000,
          runAtStart: true,
          run: async () => void (await media.resume()),
        },
      ],
    },
  };
}
