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
import { readSetting, writeSetting } from './privacy.repo';

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
  setRetention(periods: RetentionPeriods, by: AuditContext): Promise<RetentionSettings>;
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
      return {
        periods: { ...defaultRetentionDays, ...(stored?.success === true ? stored.data : {}) },
        updatedAt: row === undefined ? null : new Date(row.updatedAt).toISOString(),
      };
    },
    async setRetention(periods, by) {
      await db.transaction().execute(async (tx) => {
        await writeSetting(tx, RETENTION_KEY, JSON.stringify(periods), clock.now());
        await deps.audit.record(tx, {
          ...by,
          action: 'privacy.retention.update',
          details: Object.fromEntries(Object.entries(periods)),
        });
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
