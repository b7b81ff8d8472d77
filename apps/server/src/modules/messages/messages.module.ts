import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { throughputCapsSetting } from '../campaigns/dispatch/dispatch.module';
import { messagesRoutes } from './messages.routes';
import { createMessagesService, type MessagesDeps, type MessagesService } from './messages.service';
import { ApiSendPacer } from './messages.pacer';

/** `POST /api/v1/messages` and `GET /api/v1/messages/{id}` (transactional sends, issue 18). */
export function createMessagesModule(
  ctx: AppContext,
  deps: Omit<MessagesDeps, 'db' | 'now' | 'pacer' | 'throughputCap'>,
): Module & { service: MessagesService } {
  const now = () => ctx.clock.now();
  const service = createMessagesService({
    ...deps,
    db: ctx.db,
    now,
    pacer: new ApiSendPacer({ now }),
    throughputCap: async (phoneNumberId) =>
      (await ctx.settings.get(ctx.db.kysely, throughputCapsSetting)).value[phoneNumberId] ?? null,
  });
  return {
    name: 'messages',
    service,
    routes: (app) => messagesRoutes(app, service),
  };
}
