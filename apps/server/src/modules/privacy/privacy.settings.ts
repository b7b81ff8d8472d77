import {
  defaultRetentionDays,
  legalSettingsSchema,
  retentionPeriodsSchema,
  type LegalSettings,
  type RetentionPeriods,
  type RetentionSettings,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { defineSetting, type SettingsStore } from '../../platform/settings/settings';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { ForbiddenError, ValidationError } from '../../errors';

/** The security log is kept at least this long, whatever is configured (its purge cannot hide tracks). */
export const SECURITY_LOG_FLOOR_DAYS = 90;

/** Retention periods in days; a class never saved keeps its default. */
export const retentionSetting = defineSetting({
  key: 'privacy.retention',
  schema: retentionPeriodsSchema.partial(),
  defaultValue: () => ({}),
});

/** The company details of the legal pages; null until an admin saves them. */
export const legalSetting = defineSetting({
  key: 'privacy.legal',
  schema: legalSettingsSchema.nullable(),
  defaultValue: () => null,
});

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

/** Retention periods and company details, through the settings store; changes are audited. */
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

/** Creates the privacy settings over the settings store. */
export function createPrivacySettings(deps: {
  db: Executor;
  settings: SettingsStore;
  audit: AuditService;
  demo: boolean;
}): PrivacySettings {
  const { db, settings, audit } = deps;
  return {
    async retention() {
      const { value, updatedAt } = await settings.get(db, retentionSetting);
      const periods = { ...defaultRetentionDays, ...value };
      // A value stored before the floor existed is read as the floor.
      periods.audit_log = Math.max(SECURITY_LOG_FLOOR_DAYS, periods.audit_log);
      return {
        periods,
        updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
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
        await audit.record(db, {
          ...who,
          action: 'privacy.retention.update',
          outcome: 'denied',
          details,
        });
        throw refusal;
      }
      await settings.update(retentionSetting, periods, (tx) =>
        audit.record(tx, { ...who, action: 'privacy.retention.update', details }),
      );
      return this.retention();
    },
    async legal() {
      return (await settings.get(db, legalSetting)).value ?? defaultLegalSettings(deps.demo);
    },
    async setLegal(legal, by) {
      await settings.update(legalSetting, legal, (tx) =>
        audit.record(tx, {
          ...by,
          action: 'privacy.legal.settings',
          details: { companyName: legal.companyName },
        }),
      );
      return legal;
    },
  };
}
