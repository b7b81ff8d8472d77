import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { openDatabase, type Db } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { loadKeyring, type Keyring } from './crypto/keyring';
import { EventBus } from './events/bus';
import { systemClock, type Clock } from './platform/clock';
import { BackgroundWork } from './platform/background';
import { Scheduler } from './jobs/scheduler';
import { JobRegistry } from './platform/jobs/jobs.registry';
import { JobQueue } from './platform/jobs/jobs.queue';
import { JobRunner, processOwnerId, type RunnerOptions } from './platform/jobs/jobs.runner';
import { jobsModule } from './platform/jobs/jobs.module';
import { Leases } from './platform/locks/leases';
import { createInvalidations } from './events/invalidations';
import { PgEventRelay } from './events/relay';
import { runSeeds } from './seed/seeder';
import { createSettingsStore } from './platform/settings/settings';
import { createSecrets } from './crypto/secrets';
import { createFileStore } from './platform/files/files.factory';
import type { AppContext } from './app-context';
import type { Module } from './modules/module';
import { errorHandler } from './http/error-handler';
import { registerOpenApi } from './http/openapi';
import { idempotencyModule } from './platform/idempotency/idempotency.module';
import { rateLimitModule } from './platform/rate-limit/rate-limit.module';
import { apiDocsPage, apiDocsRoutes } from './http/api-docs.routes';
import { healthRoutes } from './http/health.routes';
import { registerStatic } from './http/static';
import { eventStreamRoutes } from './events/stream';
import { trustProxyOption } from './http/client-address';
import { systemModule } from './modules/system/system.module';
import { auditModule } from './modules/audit/audit.module';
import { authModule } from './modules/auth/auth.module';
import { createAccountsModule } from './modules/accounts/accounts.module';
import {
  createTemplatesModule,
  templateWebhookHandlers,
} from './modules/templates/templates.module';
import { createConversationsModule } from './modules/conversations/conversations.module';
import { createWebhooksModule } from './modules/webhooks/webhooks.module';
import { accountWebhookHandlers } from './modules/webhooks/webhooks.wiring';
import { accountMediaFetcher } from './modules/conversations/conversations.wiring';
import { createInboxModule } from './modules/conversations/inbox.module';
import { createContactsModule } from './modules/contacts/contacts.module';
import { privacyModule } from './modules/privacy/privacy.module';
import { createConsentModule } from './modules/contacts/consent.module';
import { createApiLogModule } from './modules/api-log/api-log.module';
import { createMetricsModule } from './modules/metrics/metrics.module';
import { createMetrics } from './platform/metrics/metrics';
import { createContactImportsModule } from './modules/contacts/imports/imports.module';
import { createCampaignsModule } from './modules/campaigns/campaigns.module';
import type { CampaignsService } from './modules/campaigns/campaigns.service';
import type { CampaignControl } from './modules/campaigns/campaigns.control';
import type { ContactsManageService } from './modules/contacts/contacts.manage.service';
import type { TagsService } from './modules/contacts/contacts.tags.service';
import type { TemplatesService } from './modules/templates/templates.service';
import type { AccountsService } from './modules/accounts/accounts.service';
import { defaultCountrySetting } from './modules/contacts/contacts.phone';
import { attributeDefsSetting } from './modules/contacts/contacts.settings';
import { createIntegrationsModule } from './modules/integrations/integrations.module';
import { createMessagesModule } from './modules/messages/messages.module';
import { createAnalyticsModule } from './modules/analytics/analytics.module';
import {
  createCampaignDispatchModule,
  type CampaignDispatchModule,
} from './modules/campaigns/dispatch/dispatch.module';
import type { DispatcherOptions } from './modules/campaigns/dispatch/dispatch.number';
import { createAutomationsModule } from './modules/automations/automations.module';

export interface BuildAppOptions {
  config: Config;
  /** An already-open database (tests share one); otherwise opened from the config. */
  db?: Db;
  logger?: Logger;
  keyring?: Keyring;
  clock?: Clock;
  /** Apply migrations before serving (default true). */
  migrate?: boolean;
  /** Serve the built SPA (default true). */
  serveWeb?: boolean;
  /** The worker's claim loop (concurrency, lease, poll); started by `startServer`. */
  worker?: RunnerOptions;
  /** The campaign dispatchers' tuning (tests and benchmarks); defaults otherwise. */
  dispatch?: Partial<DispatcherOptions>;
  /** Modules added after the built-in ones (tests and benchmarks declare job kinds this way). */
  extraModules?: (ctx: AppContext) => Module[];
}

/** A built, not yet listening, application and what it holds. */
export interface KianaApp {
  app: FastifyInstance;
  ctx: AppContext;
  modules: Module[];
  /** Claims and runs jobs; started in worker processes only. */
  worker: JobRunner;
  /** The campaign Sender and dispatchers (started in worker processes only). */
  dispatch: CampaignDispatchModule;
  /** What demo mode's history drives (demo.history.ts): the product's own services. */
  services: DemoServices;
  /** Adds demo sample data; idempotent. */
  seed(): Promise<string[]>;
  /** Stops HTTP, drains background work, closes the database. */
  close(): Promise<void>;
}

/** The services demo mode lives its sample past through. */
export interface DemoServices {
  accounts: AccountsService;
  contacts: ContactsManageService;
  tags: TagsService;
  templates: TemplatesService;
  campaigns: CampaignsService;
  campaignControl: CampaignControl;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The app factory: tests build it in-process, the CLI builds it to listen. */
export async function buildApp(options: BuildAppOptions): Promise<KianaApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const ownsDb = options.db === undefined;
  const metrics = createMetrics();
  const db =
    options.db ??
    openDatabase(config.database, {
      onQuery: metrics.observeQuery,
      checkpointInBackground: true,
      onCheckpointError: (message) => logger.warn({ message }, 'background checkpoint failed'),
    });
  if (options.migrate ?? true) await migrateToLatest(db);

  const background = new BackgroundWork(logger);
  const clock = options.clock ?? systemClock;
  const nodeId = options.worker?.owner ?? processOwnerId();
  const keyring =
    options.keyring ?? loadKeyring(config.dataDir, config.masterKey, config.previousMasterKeys);
  const bus = new EventBus();
  const jobs = new JobQueue({ db, clock, registry: new JobRegistry() });
  const files = createFileStore(config.files, config.dataDir);
  const ctx: AppContext = {
    config,
    db,
    logger,
    keyring,
    bus,
    clock,
    background,
    scheduler: new Scheduler({ queue: jobs, clock, logger }),
    jobs,
    leases: new Leases({ db, clock, logger, owner: nodeId }),
    invalidations: createInvalidations(bus),
    nodeId,
    settings: createSettingsStore({ db: db.kysely, bus, clock, secrets: createSecrets(keyring) }),
    files,
    metrics,
  };
  const worker = new JobRunner(
    { db, clock, logger, registry: jobs.registry },
    { ...options.worker, owner: nodeId },
  );
  jobs.onEnqueued(() => worker.poke());
  // Several processes share a PostgreSQL database: relay live events and invalidations.
  const relay =
    db.connectionString === undefined
      ? undefined
      : new PgEventRelay({ connectionString: db.connectionString, bus, logger, nodeId });
  await relay?.start();
  const isWeb = config.roles.includes('web');

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes hit these every few seconds; their lines would drown the rest.
      disableRequestLogging: (req: { url?: string }) =>
        req.url === '/healthz' || req.url === '/readyz',
    }),
    bodyLimit: 1024 * 1024,
    // Overlong ids reach the route's schema (400 with the shared error body) instead of
    // the router's bare 414.
    routerOptions: { maxParamLength: 4096 },
    // Off unless KIANA_TRUST_PROXY names the proxies in front: otherwise any client could
    // choose its own address (lockouts, rate limits, the security log) and scheme.
    trustProxy: trustProxyOption(config.trustProxy),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    // API answers are per user and often personal: no browser or proxy cache may keep them.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
  });
  app.addHook('onRoute', (route) => {
    // Every API route states who may call it; a route that forgets is a start-up error.
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    }
  });

  await registerOpenApi(app);

  const audit = auditModule(ctx);
  const auth = authModule(ctx, { audit: audit.service });
  const apiLog = createApiLogModule(ctx);
  const whatsapp = createAccountsModule(ctx, {
    audit: audit.service,
    graphObserver: (event) => {
      apiLog.recorder.observe(event);
      metrics.observeGraphCall(event);
    },
  });
  const templates = createTemplatesModule(ctx, whatsapp);
  const webhooks = createWebhooksModule(ctx, {
    directory: whatsapp.accounts,
    handlers: {
      ...accountWebhookHandlers(whatsapp.accounts),
      ...templateWebhookHandlers(templates.templates),
    },
    audit: audit.service,
  });
  const conversations = createConversationsModule(ctx, {
    intake: webhooks.intake,
    fetchMedia: accountMediaFetcher(whatsapp.accounts),
  });
  const privacy = privacyModule(ctx, {
    audit: audit.service,
    appSecrets: async () =>
      (await whatsapp.accounts.listWebhookCredentials()).map((c) => c.appSecret),
    // Called only when a correction is handled, long after `contacts` below is built.
    contacts: () => contacts.manage,
  });
  const contacts = createContactsModule(ctx, {
    audit: audit.service,
    contacts: conversations.contacts,
    history: conversations.history,
    erasure: privacy.contactErasure,
  });
  const contactImports = createContactImportsModule(ctx, {
    audit: audit.service,
    defaultCountry: async () =>
      (await ctx.settings.get(ctx.db.kysely, defaultCountrySetting)).value,
    attributeDefs: async () => (await ctx.settings.get(ctx.db.kysely, attributeDefsSetting)).value,
    compile: (ex, filter) => contacts.segments.compile(ex, filter),
  });
  const integrations = createIntegrationsModule(ctx, {
    audit: audit.service,
    intake: webhooks.intake,
  });
  // Consent choices reach outgoing webhooks in the choice's transaction.
  conversations.contacts.onConsent((tx, c) =>
    integrations.integrations
      .emitOutgoing(tx, {
        type: c.optedOut ? 'contact.opted_out' : 'contact.opted_in',
        data: { contactId: c.contactId, source: c.source, at: c.at },
      })
      .then(() => undefined),
  );
  templates.templates.onTemplateStatus((tx, c) =>
    integrations.integrations
      .emitOutgoing(tx, { type: 'template.status', data: c })
      .then(() => undefined),
  );
  whatsapp.accounts.onNumberQuality((tx, c) =>
    integrations.integrations
      .emitOutgoing(tx, { type: 'number.quality', data: c })
      .then(() => undefined),
  );
  const dispatch = createCampaignDispatchModule(ctx, {
    intake: webhooks.intake,
    accounts: whatsapp.accounts,
    templates: templates.templates,
    conversations: conversations.conversations,
    contacts: conversations.contacts,
    suppression: privacy.suppression,
    options: options.dispatch,
  });
  // A campaign's completion reaches outgoing webhooks in the completing transaction.
  dispatch.finished.on((tx, c) =>
    integrations.integrations
      .emitOutgoing(tx, { type: 'campaign.finished', data: c })
      .then(() => undefined),
  );
  const campaigns = createCampaignsModule(ctx, {
    audit: audit.service,
    segments: contacts.segments,
    suppression: privacy.suppression,
    sender: dispatch.sender,
    template: (id) => templates.templates.get(id),
    finished: dispatch.finished,
  });
  // Order matters: auth installs the access hook before anything registers a route, and
  // shutdown closes modules in reverse (the Graph client before the API log that records it).
  const modules: Module[] = [
    systemModule(ctx),
    audit,
    auth,
    // A replayed answer still counts against the key's limit: the limit runs first.
    rateLimitModule(ctx),
    idempotencyModule(ctx),
    apiLog,
    whatsapp.module,
    templates.module,
    conversations.module,
    contacts,
    createConsentModule(ctx, {
      contacts: conversations.contacts,
      audit: audit.service,
      sender: () => dispatch.sender,
    }),
    webhooks.module,
    privacy,
    contactImports,
    integrations.module,
    campaigns,
    dispatch.module,
    createMessagesModule(ctx, {
      sender: dispatch.sender,
      audit: audit.service,
      accounts: whatsapp.accounts,
      templates: templates.templates,
      lookup: conversations.lookup,
    }),
    createInboxModule(ctx, {
      audit: audit.service,
      sender: dispatch.sender,
      templates: templates.templates,
      users: auth.users,
    }),
    jobsModule(ctx, { audit: audit.service, onRetried: () => worker.poke() }),
    createMetricsModule(ctx, { audit: audit.service }),
    createAnalyticsModule(ctx),
    createAutomationsModule(ctx, {
      intake: webhooks.intake,
      audit: audit.service,
      sender: () => dispatch.sender,
      users: auth.users,
    }),
    ...(options.extraModules?.(ctx) ?? []),
  ];
  // A worker-only process serves the health probes and nothing else.
  if (isWeb) for (const module of modules) await module.install?.(app);

  healthRoutes(app, ctx);
  if (isWeb)
    await app.register(
      async (api) => {
        for (const module of modules) await module.routes?.(api);
        // The live event stream serves every module's events, filtered per principal.
        eventStreamRoutes(api, ctx.bus);
        apiDocsRoutes(api, () => app.swagger());
      },
      { prefix: '/api/v1' },
    );
  if (isWeb) apiDocsPage(app, () => app.swagger());
  if (isWeb) await registerStatic(app, { serveWeb: options.serveWeb ?? true });

  for (const module of modules) for (const job of module.jobs ?? []) ctx.scheduler.add(job);

  let closed = false;
  return {
    app,
    ctx,
    modules,
    worker,
    dispatch,
    services: {
      accounts: whatsapp.accounts,
      contacts: contacts.manage,
      tags: contacts.tags,
      templates: templates.templates,
      campaigns: campaigns.campaigns,
      campaignControl: campaigns.control,
    },
    seed: () =>
      runSeeds(
        db,
        modules.flatMap((m) => m.seeds ?? []),
        logger,
      ),
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      ctx.scheduler.stop();
      // Running jobs get a few seconds; the rest go back to the queue for another worker.
      await worker.stop(5_000);
      const drained = await background.drain(8_000);
      if (!drained) logger.warn('background work still running at shutdown');
      for (const module of [...modules].reverse()) await module.close?.();
      await relay?.stop();
      files.close();
      if (ownsDb) await db.close();
    },
  };
}
