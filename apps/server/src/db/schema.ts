import type { SystemTables } from './system.tables';
import type { AuthTables } from '../modules/auth/auth.tables';
import type { AuditTables } from '../modules/audit/audit.tables';
import type { AccountsTables } from '../modules/accounts/accounts.tables';
import type { TemplatesTables } from '../modules/templates/templates.tables';
import type { ContactsTables } from '../modules/contacts/contacts.tables';
import type { ConsentTables } from '../modules/contacts/consent.tables';
import type { ConversationsTables } from '../modules/conversations/conversations.tables';
import type { WebhooksTables } from '../modules/webhooks/webhooks.tables';
import type { PrivacyTables } from '../modules/privacy/privacy.tables';
import type { ApiLogTables } from '../modules/api-log/api-log.tables';
import type { ContactImportsTables } from '../modules/contacts/imports/imports.tables';
import type { JobsTables } from '../platform/jobs/jobs.tables';
import type { LocksTables } from '../platform/locks/locks.tables';
import type { IdempotencyTables } from '../platform/idempotency/idempotency.tables';
import type { RateLimitTables } from '../platform/rate-limit/rate-limit.tables';
import type { IntegrationsTables } from '../modules/integrations/integrations.tables';
import type { CampaignsTables } from '../modules/campaigns/campaigns.tables';
import type { AnalyticsTables } from '../modules/analytics/analytics.tables';
import type { CannedRepliesTables } from '../modules/conversations/canned-replies.tables';
import type { AutomationsTables } from '../modules/automations/automations.tables';

/**
 * The whole schema as Kysely sees it: each module declares its own tables in
 * `<module>.tables.ts` and they are joined here. Columns are camelCase in code and
 * snake_case in the database (CamelCasePlugin). Timestamps are epoch milliseconds.
 */
export interface Database
  extends
    SystemTables,
    AuthTables,
    AuditTables,
    AccountsTables,
    TemplatesTables,
    ContactsTables,
    ContactImportsTables,
    ConsentTables,
    ConversationsTables,
    WebhooksTables,
    PrivacyTables,
    ApiLogTables,
    JobsTables,
    LocksTables,
    IdempotencyTables,
    RateLimitTables,
    IntegrationsTables,
    CampaignsTables,
    AnalyticsTables,
    CannedRepliesTables,
    AutomationsTables {}
