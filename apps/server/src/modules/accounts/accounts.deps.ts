import type { Db } from '../../db/database';
import type { EventBus } from '../../events/bus';
import type { Logger } from '../../logger';
import type { Clock } from '../../platform/clock';
import type { Secrets } from '../../crypto/secrets';
import type { GraphClient } from '../../whatsapp/graph.client';
import type { BackgroundWork } from '../../platform/background';
import type { AuditRecord, AuditService } from '../audit/audit.service';

/** Who asked for a change, for the audit log (routes fill it from the request). */
export type ActionContext = Pick<AuditRecord, 'actor' | 'ip' | 'userAgent'>;

/** The system acting on its own (scheduled jobs, webhooks, seeds). */
export const systemAction: ActionContext = { actor: { type: 'system', name: 'kiana' } };

/** What the accounts and templates services need from the platform. */
export interface WhatsAppDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  secrets: Secrets;
  graph: GraphClient;
  /** Absent until the audit module is wired; records are then skipped. */
  audit?: AuditService | undefined;
  /** Runs follow-up Graph reads after a webhook without holding up its intake. */
  background: BackgroundWork;
  /** The panel's public URL, for the webhook callback URL shown in set-up help. */
  publicUrl: string;
}

/** Records an audit entry when the audit service is present; never fails the action. */
export async function recordAudit(
  deps: WhatsAppDeps,
  action: ActionContext,
  entry: Omit<AuditRecord, 'actor' | 'ip' | 'userAgent'>,
): Promise<void> {
  if (deps.audit === undefined) return;
  try {
    await deps.audit.record({ ...action, ...entry });
  } catch (err) {
    deps.logger.error({ err, action: entry.action }, 'audit record failed');
  }
}
