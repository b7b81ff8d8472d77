import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import type { IntakeRegistry } from '../webhooks/webhooks.intake';
import { automationsIntakeHandler, inboundJobKind } from './automations.jobs';
import { registerAutomationsTables } from './automations.privacy';
import { automationsRoutes } from './automations.routes';
import {
  createAutomationsService,
  type AutomationUsers,
  type AutomationsService,
} from './automations.service';

/**
 * Inbox automations (issue 16): away replies outside business hours, a welcome for a
 * first-time contact, keyword replies, round-robin assignment and auto-close. Inbound
 * messages reach them as durable jobs enqueued in the webhook's intake transaction.
 */
export function createAutomationsModule(
  ctx: AppContext,
  deps: {
    intake: IntakeRegistry;
    audit: AuditService;
    sender: () => Pick<Sender, 'sendTracked'>;
    users: AutomationUsers;
  },
): Module & { automations: AutomationsService } {
  registerAutomationsTables();
  const automations = createAutomationsService({
    db: ctx.db.kysely,
    now: () => ctx.clock.now(),
    bus: ctx.bus,
    settings: ctx.settings,
    audit: deps.audit,
    sender: deps.sender,
    users: deps.users,
    logger: ctx.logger,
  });
  const kind = ctx.jobs.register(inboundJobKind(() => automations));
  deps.intake.register(automationsIntakeHandler(ctx.jobs, kind));
  return {
    name: 'automations',
    automations,
    routes: (app) => automationsRoutes(app, automations),
    jobs: [
      {
        name: 'automations.auto-close',
        intervalMs: 10 * 60_000,
        run: async () => void (await automations.autoClose()),
      },
    ],
  };
}
