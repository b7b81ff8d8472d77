import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { createInboxService, type InboxService, type InboxTemplates } from './inbox.service';
import { inboxRoutes } from './inbox.routes';
import { registerInboxTables } from './inbox.privacy';
import { createCannedRepliesService, type CannedRepliesService } from './canned-replies.service';
import { cannedReplyRoutes } from './canned-replies.routes';

/**
 * The shared inbox, built after the campaign dispatch module because replies go through
 * its Sender (one path to the Graph API). A timed job reopens snoozed conversations.
 */
export function createInboxModule(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    sender: Pick<Sender, 'sendTracked'>;
    templates: InboxTemplates;
    users: { get(id: string): Promise<unknown> };
  },
): Module & { inbox: InboxService; cannedReplies: CannedRepliesService } {
  registerInboxTables();
  const inbox = createInboxService({
    db: ctx.db.kysely,
    now: () => ctx.clock.now(),
    bus: ctx.bus,
    audit: deps.audit,
    sender: deps.sender,
    templates: deps.templates,
    users: deps.users,
  });
  const cannedReplies = createCannedRepliesService({
    db: ctx.db.kysely,
    now: () => ctx.clock.now(),
    audit: deps.audit,
  });
  return {
    name: 'inbox',
    inbox,
    cannedReplies,
    routes: (app) => {
      inboxRoutes(app, inbox);
      cannedReplyRoutes(app, cannedReplies);
    },
    jobs: [
      {
        name: 'inbox.wake-snoozed',
        intervalMs: 60_000,
        run: async () => void (await inbox.wakeSnoozed()),
      },
    ],
  };
}
