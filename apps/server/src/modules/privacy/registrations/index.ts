import { registerAccountsTables } from './accounts';
import { registerAuditTables } from './audit';
import { registerAuthTables } from './auth';
import { registerContactsTables } from './contacts';
import { registerConversationsTables } from './conversations';
import { registerPlatformTables } from './platform';
import { registerPrivacyTables } from './privacy';
import { registerTemplatesTables } from './templates';
import { registerWebhooksTables } from './webhooks';

/**
 * Registers every table that exists today. Entries for other modules are stand-ins
 * (`registerPersonalDataFallback`): when the owning module registers a table itself, its
 * entry wins. New tables belong in their own module's factory, not here.
 */
export function registerKnownTables(): void {
  registerPlatformTables();
  registerAuthTables();
  registerAuditTables();
  registerAccountsTables();
  registerTemplatesTables();
  registerContactsTables();
  registerConversationsTables();
  registerWebhooksTables();
  registerPrivacyTables();
}
