import type { Executor } from '../../db/executor';
import type { EventBus } from '../../events/bus';
import type { Logger } from '../../logger';
import type { Clock } from '../../platform/clock';
import type { Secrets } from '../../crypto/secrets';
import type { GraphClient } from '../../whatsapp/graph.client';
import type { BackgroundWork } from '../../platform/background';
import { systemActor, type AuditRecord, type AuditService } from '../audit/audit.service';

/** Who asked for a change, for the audit log (routes fill it from the request). */
export type ActionContext = Pick<AuditRecord, 'actor' | 'ip' | 'userAgent'>;

/** The system acting on its own (scheduled jobs, webhooks, seeds): always passed explicitly. */
export const systemAction: ActionContext = { actor: systemActor('kiana') };

/** What the accounts and templates services need from the platform. */
export interface WhatsAppDeps {
  db: Executor;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  secrets: Secrets;
  graph: GraphClient;
  audit: AuditService;
  /** Runs follow-up Graph reads after a webhook without holding up its intake. */
  background: BackgroundWork;
  /** The panel's public URL, for the webhook callback URL shown in set-up help. */
  publicUrl: string;
}

/** Records an audit entry on `ex`, the transaction of the change it describes. */
export async function recordAudit(
  deps: WhatsAppDeps,
  ex: Executor,
  action: ActionContext,
  entry: Omit<AuditRecord, 'actor' | 'ip' | 'userAgent'>,
): Promise<void> {
  await deps.audit.record(ex, { ...action, ...entry });
}
