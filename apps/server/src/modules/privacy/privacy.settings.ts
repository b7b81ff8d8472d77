import {
  defaultRetentionDays,
  legalSettingsSchema,
  retentionPeriodsSchema,
  type LegalSettings,
  type RetentionPeriods,
  type RetentionSettings,
} from '@kiana/contracts';
import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
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
   * Saves the periods. Shortening the security log's needs the owner (`mayShortenSecurityLog`),
   * and never goes below SECURITY_LOG_FLOOR_DAYS.
   */
  setRetention(
    periods: RetentionPeriods,
    by: { mayShortenSecurityLog: boolean },
  ): Promise<RetentionSettings>;
  legal(): Promise<LegalSettings>;
  setLegal(settings: LegalSettings): Promise<LegalSettings>;
}

/** Creates the settings store; unknown or broken stored values fall back to the defaults. */
export function createPrivacySettings(deps: {
  db: Db;
  clock: Clock;
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
      if (periods.audit_log < SECURITY_LOG_FLOOR_DAYS)
        throw new ValidationError(
          `The security log is kept at least ${SECURITY_LOG_FLOOR_DAYS} days.`,
          { field: 'periods.audit_log' },
        );
      const current = await this.retention();
      if (periods.audit_log < current.periods.audit_log && !by.mayShortenSecurityLog)
        throw new ForbiddenError(
          "Only the owner may shorten the security log's retention.",
          'owner_required',
        );
      await writeSetting(db, RETENTION_KEY, JSON.stringify(periods), clock.now());
      return this.retention();
    },
    async legal() {
      const row = await readSetting(db, LEGAL_KEY);
      const stored =
        row === undefined ? undefined : legalSettingsSchema.safeParse(JSON.parse(row.value));
      return stored?.success === true ? stored.data : defaultLegalSettings(deps.demo);
    },
    async setLegal(settings) {
      await writeSetting(db, LEGAL_KEY, JSON.stringify(settings), clock.now());
      return settings;
    },
  };
}
