import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { defineSetting } from '../../../platform/settings/settings';
import type { AccountsService } from '../../accounts/accounts.service';
import type { ContactsService } from '../../contacts/contacts.service';
import type { ConversationsService } from '../../conversations/conversations.service';
import type { Suppression } from '../../privacy/suppression';
import type { TemplatesService } from '../../templates/templates.service';
import type { IntakeRegistry } from '../../webhooks/webhooks.intake';
import type { Module } from '../../module';
import { createSender, type Sender } from '../sender/sender';
import { createFinishedHooks, type CampaignFinishedHooks } from '../campaigns.finished';
import { defaultDispatcherOptions, type DispatcherOptions } from './dispatch.number';
import { campaignsIntakeHandler } from './dispatch.intake';
import { DispatchSupervisor } from './dispatch.supervisor';

/** A lower throughput per sending number than Meta allows (messages per second). */
export const throughputCapsSetting = defineSetting<Record<string, number>>({
  key: 'campaigns.throughputCaps',
  schema: z.record(z.string(), z.number().int().min(1).max(1000)),
  defaultValue: () => ({}),
});

export interface CampaignDispatchModule {
  module: Module & { start(): void };
  sender: Sender;
  supervisor: DispatchSupervisor;
  /** Register here what follows a campaign's completion, in its transaction. */
  finished: CampaignFinishedHooks;
}

/**
 * The campaign send path: the Sender (shared with the inbox and the campaign test send), the
 * per-number dispatchers (started in worker processes) and the intake handler that moves
 * recipients with their status webhooks.
 */
export function createCampaignDispatchModule(
  ctx: AppContext,
  deps: {
    intake: IntakeRegistry;
    accounts: Pick<AccountsService, 'graphAccess'>;
    templates: Pick<TemplatesService, 'get'>;
    conversations: ConversationsService;
    contacts: ContactsService;
    suppression: Suppression;
    options?: Partial<DispatcherOptions>;
    pollMs?: number;
  },
): CampaignDispatchModule {
  const now = () => ctx.clock.now();
  const sender = createSender({
    db: ctx.db.kysely,
    now,
    suppression: deps.suppression,
    contacts: deps.contacts,
    conversations: deps.conversations,
    graphAccess: (accountId) => deps.accounts.graphAccess(accountId),
  });
  const finished = createFinishedHooks();
  deps.intake.register(campaignsIntakeHandler({ now, finished }));
  const supervisor = new DispatchSupervisor(
    {
      db: ctx.db,
      clock: ctx.clock,
      logger: ctx.logger,
      leases: ctx.leases,
      sender,
      template: async (id) => deps.templates.get(id),
      throughputCap: async (phoneNumberId) =>
        (await ctx.settings.get(ctx.db.kysely, throughputCapsSetting)).value[phoneNumberId] ?? null,
      options: { ...defaultDispatcherOptions, ...deps.options },
      finished,
    },
    deps.pollMs,
  );
  return {
    sender,
    supervisor,
    finished,
    module: {
      name: 'campaigns.dispatch',
      start: () => supervisor.start(),
      close: () => supervisor.stop(),
    },
  };
}
