import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { IntakeRegistry } from '../webhooks/webhooks.intake';
import { createSecrets } from '../../crypto/secrets';
import { createIntegrationsService, type IntegrationsService } from './integrations.service';
import { integrationsRoutes } from './integrations.routes';
import { deliverJobKind } from './integrations.deliver';
import { createOutgoingTransport } from './integrations.transport';
import { integrationsIntakeHandler } from './integrations.intake';
import { registerIntegrationsTables } from './integrations.privacy';
import { allowList } from './integrations.ssrf';
import { allowedPrivateSetting } from './integrations.settings';

/** Builds the outgoing webhooks module; `emitOutgoing` is for other modules' transactions. */
export function createIntegrationsModule(
  ctx: AppContext,
  deps: { audit: AuditService; intake: IntakeRegistry },
): { module: Module & { service: IntegrationsService }; integrations: IntegrationsService } {
  registerIntegrationsTables();
  let allowed = allowList([]);
  const refreshAllowed = async (): Promise<void> => {
    allowed = allowList((await ctx.settings.get(ctx.db.kysely, allowedPrivateSetting)).value);
  };
  const transport = createOutgoingTransport(() => allowed);
  const kind = ctx.jobs.register(
    deliverJobKind({
      db: ctx.db.kysely,
      clock: ctx.clock,
      settings: ctx.settings,
      audit: deps.audit,
      // The connect-time check reads the allow-list as of this attempt.
      transport: {
        post: async (input) => {
          await refreshAllowed();
          return transport.post(input);
        },
        close: () => transport.close(),
      },
      service: () => integrations,
    }),
  );
  const integrations = createIntegrationsService({
    db: ctx.db.kysely,
    clock: ctx.clock,
    secrets: createSecrets(ctx.keyring),
    settings: ctx.settings,
    audit: deps.audit,
    enqueue: async (ex, deliveryId) => {
      await ctx.jobs.enqueue(kind, { deliveryId }, { ex, key: deliveryId });
    },
  });
  deps.intake.register(integrationsIntakeHandler(integrations));
  return {
    integrations,
    module: {
      name: 'integrations',
      service: integrations,
      routes: (app) => integrationsRoutes(app, integrations),
      close: () => transport.close(),
    },
  };
}
