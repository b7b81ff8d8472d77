import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { WebhookAccountDirectory, WebhookFieldHandlers } from './webhooks.directory';
import {
  createWebhooksService,
  type SignatureFailureReporter,
  type WebhooksService,
} from './webhooks.service';
import { webhooksRoutes } from './webhooks.routes';
import { webhookReceiverRoutes } from './webhooks.receiver';
import { createIntakeHandlers, type IntakeRegistry } from './webhooks.intake';

export interface WebhooksModule {
  module: Module;
  service: WebhooksService;
  /** Where other modules register what they apply inside the intake transaction. */
  intake: IntakeRegistry;
}

// A wrong signature is logged to the security log at most once a minute per source, so a
// flood of forged requests cannot flood the log; the count keeps every one.
const SECURITY_LOG_INTERVAL_MS = 60_000;

/** Builds the webhook intake and the webhook log API. */
export function createWebhooksModule(
  ctx: AppContext,
  deps: {
    directory: WebhookAccountDirectory;
    handlers: WebhookFieldHandlers;
    audit: AuditService;
  },
): WebhooksModule {
  const lastLogged = new Map<string, { at: number; suppressed: number }>();
  const onSignatureFailure: SignatureFailureReporter = (f) => {
    const key = `${f.accountId ?? '-'}|${f.ip ?? '-'}`;
    const last = lastLogged.get(key);
    if (last !== undefined && f.at - last.at < SECURITY_LOG_INTERVAL_MS) {
      last.suppressed += 1;
      return;
    }
    lastLogged.set(key, { at: f.at, suppressed: 0 });
    if (lastLogged.size > 10_000) lastLogged.clear();
    // Recorded apart from the intake (a refused delivery changes nothing). The receiver does
    // not wait for it, so a failure is logged here rather than thrown into nothing.
    deps.audit
      .record(ctx.db.kysely, {
        actor: { type: 'anonymous' },
        action: 'webhook.signature_failed',
        outcome: 'denied',
        target: { type: 'account', id: f.accountId },
        ip: f.ip,
        userAgent: f.userAgent,
        details: { suppressedSinceLast: last?.suppressed ?? 0 },
      })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'could not record signature failure'));
  };

  const intake = createIntakeHandlers();
  const service = createWebhooksService({
    db: ctx.db,
    bus: ctx.bus,
    clock: ctx.clock,
    logger: ctx.logger,
    background: ctx.background,
    directory: deps.directory,
    intake,
    handlers: deps.handlers,
    audit: deps.audit,
    onSignatureFailure,
  });

  return {
    service,
    intake,
    module: {
      name: 'webhooks',
      // `/webhooks/whatsapp` lives on the root app, outside /api/v1.
      install: (app) => webhookReceiverRoutes(app, service),
      routes: (app) => webhooksRoutes(app, service),
      jobs: [
        {
          name: 'webhooks.recover',
          intervalMs: 30_000,
          runAtStart: true,
          run: async () => {
            const n = await service.recover();
            if (n > 0) ctx.logger.info({ events: n }, 'processed webhook events left pending');
          },
        },
      ],
      close: () => service.close(),
    },
  };
}
