import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { createInboxService, type InboxService, type InboxTemplates } from './inbox.service';
import { inboxRoutes } from './inbox.routes';
import { registerInboxTables } from './inbox.privacy';
import { createCannedRepliesService, type CannedRepliesService } from './canned-replies.service';
import { cannedReplyRoutes } from './canned-replies.routes';
import { createReadReceipts, readReceiptsSetting } from './inbox.receipts';
import { createTypingNotices } from './inbox.typing';

/**
 * The shared inbox, built after the campaign dispatch module because replies go through
 * its Sender (one path to the Graph API). A timed job reopens snoozed conversations.
 */
export function createInboxModule(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    sender: Pick<Sender, 'sendTracked' | 'api'>;
    templates: InboxTemplates;
    users: { get(id: string): Promise<{ displayName: string }> };
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
    files: ctx.files,
  });
  const receipts = createReadReceipts({
    db: ctx.db.kysely,
    now: () => ctx.clock.now(),
    settings: ctx.settings,
    audit: deps.audit,
    sender: deps.sender,
    logger: ctx.logger,
  });
  const typing = createTypingNotices({
    db: ctx.db.kysely,
    bus: ctx.bus,
    now: () => ctx.clock.now(),
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
      inboxRoutes(app, inbox, receipts, typing);
      cannedReplyRoutes(app, cannedReplies);
    },
    // The demo shows the blue ticks and "typing…" on the simulator's phone page.
    seeds: ctx.config.demo
      ? [
          {
            key: 'inbox.read-receipts-on',
            apply: async () =>
              void (await ctx.settings.setIfAbsent(ctx.db.kysely, readReceiptsSetting, true)),
          },
        ]
      : [],
    jobs: [
      {
        name: 'inbox.wake-snoozed',
        intervalMs: 60_000,
        run: async () => void (await inbox.wakeSnoozed()),
      },
    ],
  };
}
