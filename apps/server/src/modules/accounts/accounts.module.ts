import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import { createSecrets } from '../../crypto/secrets';
import { createGraphClient } from '../../whatsapp/graph.client';
import type { GraphCallEvent } from '../../whatsapp/graph.transport';
import type { WhatsAppDeps } from './accounts.deps';
import { createAccountsService, type AccountsService } from './accounts.service';
import { accountsRoutes } from './accounts.routes';
import { demoAccountSeed } from './accounts.seed';
import './accounts.secrets';

/** What the accounts module gives the app and the modules built after it. */
export interface AccountsModule {
  /** The Module, carrying its service so tests can reach it by name (like auth's). */
  module: Module & { accounts: AccountsService };
  accounts: AccountsService;
  /** Platform pieces shared with the templates module (same Graph client, same secrets). */
  deps: WhatsAppDeps;
}

const HEALTH_REFRESH_MS = 15 * 60_000;

/** Builds the accounts module: WABAs, numbers, health, webhook set-up. */
export function createAccountsModule(
  ctx: AppContext,
  options: { audit: AuditService; graphObserver?: (event: GraphCallEvent) => void },
): AccountsModule {
  // The app's one Graph client: every module's calls go through it, so the observer (the
  // Graph API call log) sees them all.
  const graph = createGraphClient({
    baseUrl: ctx.config.graphUrl,
    observer: options.graphObserver,
  });
  const deps: WhatsAppDeps = {
    db: ctx.db.kysely,
    bus: ctx.bus,
    clock: ctx.clock,
    logger: ctx.logger,
    secrets: createSecrets(ctx.keyring),
    graph,
    audit: options.audit,
    background: ctx.background,
    publicUrl: ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`,
  };
  const accounts = createAccountsService(deps);
  return {
    accounts,
    deps,
    module: {
      name: 'accounts',
      accounts,
      routes: (app) => accountsRoutes(app, accounts),
      jobs: [
        {
          name: 'accounts.number-health',
          intervalMs: HEALTH_REFRESH_MS,
          run: () => accounts.refreshAllHealth(),
        },
      ],
      seeds: ctx.config.demo ? [demoAccountSeed(ctx, accounts)] : [],
      close: () => graph.close(),
    },
  };
}
