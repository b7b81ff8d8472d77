import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AccountsModule } from '../accounts/accounts.module';
import { createTemplatesService, type TemplatesService } from './templates.service';
import { templatesRoutes } from './templates.routes';

/** What the templates module gives the app and later modules (campaigns, inbox, API). */
export interface TemplatesModule {
  module: Module & { templates: TemplatesService };
  templates: TemplatesService;
}

const SYNC_INTERVAL_MS = 30 * 60_000;
const HOUR = 60 * 60_000;

/** Builds the templates module on top of the accounts module. */
export function createTemplatesModule(ctx: AppContext, accounts: AccountsModule): TemplatesModule {
  const templates = createTemplatesService(accounts.deps, accounts.accounts, ctx.files);
  return {
    templates,
    module: {
      name: 'templates',
      templates,
      routes: (app) => templatesRoutes(app, templates),
      jobs: [
        { name: 'templates.sync', intervalMs: SYNC_INTERVAL_MS, run: () => templates.syncAll() },
        {
          // Header samples no submitted template claimed (templates.header-examples.ts).
          name: 'templates.header-examples-cleanup',
          intervalMs: HOUR,
          run: async () => void (await templates.purgeHeaderExamples(ctx.clock.now())),
        },
      ],
      seeds: ctx.config.demo
        ? [
            {
              // Runs after accounts.demo-account (module order): mirrors the simulator's
              // approved templates of every header kind.
              key: 'templates.demo-sync',
              async apply() {
                for (const account of await accounts.accounts.listAccountRefs())
                  await templates.sync(account.id);
              },
            },
          ]
        : [],
    },
  };
}

/** The template fields' handlers, keyed by webhook field, for the webhook receiver. */
export function templateWebhookHandlers(
  templates: TemplatesService,
): Record<string, (wabaId: string, value: unknown) => Promise<void>> {
  return {
    message_template_status_update: (wabaId, value) =>
      templates.applyTemplateStatusUpdate(wabaId, value),
    message_template_quality_update: (wabaId, value) =>
      templates.applyTemplateQualityUpdate(wabaId, value),
    template_category_update: (wabaId, value) =>
      templates.applyTemplateCategoryUpdate(wabaId, value),
  };
}
