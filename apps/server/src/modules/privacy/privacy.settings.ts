import {
  defaultRetentionDays,
  legalSettingsSchema,
  retentionPeriodsSchema,
  type LegalSettings,
  type RetentionPeriods,
  type RetentionSettings,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../platform/clock';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { ForbiddenError, ValidationError } from '../../errors';
import { readSetting, writeSetting } from './privacy.repo';

/** The security log is kept at least this long, whatever is configured (its purge cannot hide tracks). */
export const SECURITY_LOG_FLOOR_DAYS = 90;

const RETENTION_KEY = 'privacy.retention';
const LEGAL_KEY = 'privacy.legal';

/** The company details a fresh installation shows until an admin sets its own. */
function defaultLegalSettings(demo: boolean): LegalSettings {
  return demo
    ? {
        companyName: 'Kiana & Business Partner LLC',
        contactEmail: 'info@kianallc.com',
        address: '1 Harbour Street, Suite 200, Wilmington, DE 19801, USA',
        supportHours: 'Monday to Friday, 9:00–17:00 (UTC)',
      }
    : {
        companyName: 'Your company name',
        contactEmail: 'privacy@example.com',
        address: 'Your postal address',
        supportHours: 'Monday to Friday, 9:00–17:00',
      };
}

/** Retention periods and company details, stored in the settings table. */
export interface PrivacySettings {
  retention(): Promise<RetentionSettings>;
  /**
   * Saves the periods with their audit record. Shortening the security log's needs the owner
   * (`mayShortenSecurityLog`), never goes below SECURITY_LOG_FLOOR_DAYS, and a refused attempt
   * is recorded too.
   */
  setRetention(
    periods: RetentionPeriods,
    by: AuditContext & { mayShortenSecurityLog: boolean },
  ): Promise<RetentionSettings>;
  legal(): Promise<LegalSettings>;
  setLegal(settings: LegalSettings, by: AuditContext): Promise<LegalSettings>;
}

/** Creates the settings store; unknown or broken stored values fall back to the defaults. */
export function createPrivacySettings(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  demo: boolean;
}): PrivacySettings {
  const { db, clock } = deps;
  return {
    async retention() {
      const row = await readSetting(db, RETENTION_KEY);
      const stored =
        row === undefined
          ? undefined
          : retentionPeriodsSchema.partial().safeParse(JSON.parse(row.value));
      const periods = { ...defaultRetentionDays, ...(stored?.success === true ? stored.data : {}) };
      // A value stored before the floor existed is read as the floor.
      periods.audit_log = Math.max(SECURITY_LOG_FLOOR_DAYS, periods.audit_log);
      return {
        periods,
        updatedAt: row === undefined ? null : new Date(row.updatedAt).toISOString(),
      };
    },
    async setRetention(periods, by) {
      const { mayShortenSecurityLog, ...who } = by;
      const before = (await this.retention()).periods.audit_log;
      const details = { ...periods, auditLogBefore: before };
      const refusal =
        periods.audit_log < SECURITY_LOG_FLOOR_DAYS
          ? new ValidationError(
              `The security log is kept at least ${SECURITY_LOG_FLOOR_DAYS} days.`,
              { field: 'periods.audit_log' },
            )
          : periods.audit_log < before && !mayShortenSecurityLog
            ? new ForbiddenError(
                "Only the owner may shorten the security log's retention.",
                'owner_required',
              )
            : undefined;
      if (refusal !== undefined) {
        // A refused attempt to shorten the security log is itself worth a record.
        await deps.audit.record(db, {
          ...who,
          action: 'privacy.retention.update',
          outcome: 'denied',
          details,
        });
        throw refusal;
      }
      await db.transaction().execute(async (tx) => {
        await writeSetting(tx, RETENTION_KEY, JSON.stringify(periods), clock.now());
        await deps.audit.record(tx, { ...who, action: 'privacy.retention.update', details });
      });
      return this.retention();
    },
    async legal() {
      const row = await readSetting(db, LEGAL_KEY);
      const stored =
        row === undefined ? undefined : legalSettingsSchema.safeParse(JSON.parse(row.value));
      return stored?.success === true ? stored.data : defaultLegalSettings(deps.demo);
    },
    async setLegal(settings, by) {
      await db.transaction().execute(async (tx) => {
        await writeSetting(tx, LEGAL_KEY, JSON.stringify(settings), clock.now());
        await deps.audit.record(tx, {
          ...by,
          action: 'privacy.legal.settings',
          details: { companyName: settings.companyName },
        });
      });
      return settings;
    },
  };
}
