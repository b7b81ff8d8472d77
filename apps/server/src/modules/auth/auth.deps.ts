import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../logger';
import type { Secrets } from '../../crypto/secrets';
import type { AuditService } from '../audit/audit.service';
import { defineSetting, type SettingsStore } from '../../platform/settings/settings';
import { z } from 'zod';

/** What the auth services need; tests and the CLI build it without the HTTP app. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  secrets: Secrets;
  audit: AuditService;
  settings: SettingsStore;
}

/** Idle and absolute session lifetimes (ASVS 3.3.2, level 2: 30 minutes idle, 12 hours). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, to spare a write per request. */
export const SESSION_TOUCH_MS = 60_000;

/** The owner's "require 2FA for everyone" policy. */
export const requireTotpSetting = defineSetting({
  key: 'auth.require_totp',
  schema: z.boolean(),
  defaultValue: () => false,
});

/** Set once by the first-owner setup: of two racing setups, only one inserts it. */
export const setupCompletedSetting = defineSetting({
  key: 'auth.setup_completed',
  schema: z.boolean(),
  defaultValue: () => false,
});

/** ISO string of an epoch-ms value, or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
}
