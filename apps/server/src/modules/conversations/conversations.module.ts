import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createContactsService, type ContactsService } from '../contacts/contacts.service';
import { createConversationsService, type ConversationsService } from './conversations.service';
import { createMediaStore, type MediaFetcher, type MediaStore } from './conversations.media';
import { conversationsRoutes } from './conversations.routes';

/** What the conversations module gives the app and the modules built after it. */
export interface ConversationsModule {
  /** The Module, carrying its services so tests can reach them by name (like accounts'). */
  module: Module & { conversations: ConversationsService; contacts: ContactsService };
  conversations: ConversationsService;
  contacts: ContactsService;
  media: MediaStore;
}

/** Builds contacts (minimal for now) and conversations with their media store. */
export function createConversationsModule(
  ctx: AppContext,
  options: { fetchMedia?: MediaFetcher } = {},
): ConversationsModule {
  const now = () => ctx.clock.now();
  const contacts = createContactsService({ now });
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
  return {
    conversations,
    contacts,
    media,
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
