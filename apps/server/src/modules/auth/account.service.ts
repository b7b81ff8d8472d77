import { randomUUID } from 'node:crypto';
import type { SessionInfo, TotpSetup, User, UserPreferences } from '@kiana/contracts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../errors';
import { createLoginThrottle } from './throttle.service';
import type { AuditContext } from '../audit/audit.service';
import type { UserPrincipal } from '../../http/principal';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './auth.password';
import {
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpEnrolment,
} from './auth.totp';
import type { Executor } from '../../db/executor';
import { iso, requireTotpSetting, type AuthDeps } from './auth.deps';
import { totpPendingColumn, totpSecretColumn } from './auth.secrets';
import {
  claimTotpStep,
  findUserById,
  replaceRecoveryCodes,
  updateUser,
  type UserRow,
} from './users.repo';
import { toUser } from './users.service';
import { listLiveSessions, revokeSession, revokeUserSessions } from './sessions.repo';

// First match wins: Edge and Opera also name Chrome, Chrome also names Safari.
const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
];
// Android also names Linux, iOS also names Mac OS X.
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short browser and platform name from a user agent, for the sessions list. */
function describeBrowser(userAgent: string | null): string {
  if (userAgent === null || userAgent === '') return 'Unknown';
  const browser = browsers.find(([re]) => re.test(userAgent))?.[1] ?? 'Other';
  const os = systems.find(([re]) => re.test(userAgent))?.[1];
  return os === undefined ? browser : `${browser} on ${os}`;
}

/** What a signed-in user does to their own account. */
export interface AccountService {
  changePassword(
    p: UserPrincipal,
    currentPassword: string,
    newPassword: string,
    meta: AuditContext,
  ): Promise<void>;
  startTotp(p: UserPrincipal): Promise<TotpSetup>;
  confirmTotp(p: UserPrincipal, code: string, meta: AuditContext): Promise<string[]>;
  disableTotp(p: UserPrincipal, password: string, code: string, meta: AuditContext): Promise<void>;
  regenerateRecoveryCodes(
    p: UserPrincipal,
    password: string,
    meta: AuditContext,
  ): Promise<string[]>;
  listSessions(p: UserPrincipal): Promise<SessionInfo[]>;
  revokeSession(p: UserPrincipal, id: string, meta: AuditContext): Promise<void>;
  revokeOtherSessions(p: UserPrincipal, meta: AuditContext): Promise<number>;
  /** Stores the user's language, time zone and calendar (null: the browser's). */
  setPreferences(p: UserPrincipal, prefs: UserPreferences, meta: AuditContext): Promise<User>;
}

/** Creates the account service. */
export function createAccountService(deps: AuthDeps): AccountService {
  const { clock, audit, secrets } = deps;
  const db = deps.db.kysely;

  const userOf = async (p: UserPrincipal): Promise<UserRow> => {
    const row = await findUserById(db, p.id);
    if (row === undefined) throw new NotFoundError('User', p.id);
    return row;
  };
  const throttle = createLoginThrottle(deps.db, clock, secrets);
  /**
   * Re-checks the current password, throttled per user (a stolen session must not become a
   * password oracle). A wrong one is 403, not 401: the session itself is fine, and generic
   * clients read 401 as "signed out". Call `throttle.clearReauth` once the whole check passed.
   */
  const checkPassword = async (row: UserRow, password: string): Promise<void> => {
    const reserved = await throttle.reserveReauth(row.id);
    if (!reserved.ok)
      throw new RateLimitedError(
        'Too many wrong passwords. Try again later.',
        Math.ceil(reserved.waitMs / 1000),
      );
    if (!(await verifyPassword(row.passwordHash, password))) {
      throw new ForbiddenError('The password is not correct', 'invalid_password');
    }
  };
  const issueRecoveryCodes = async (ex: Executor, userId: string): Promise<string[]> => {
    const codes = newRecoveryCodes();
    const now = clock.now();
    await replaceRecoveryCodes(
      ex,
      userId,
      codes.map((code) => ({
        id: randomUUID(),
        userId,
        codeHash: hashRecoveryCode(code),
        usedAt: null,
        createdAt: now,
      })),
    );
    return codes;
  };

  return {
    async setPreferences(p, prefs, meta) {
      const row = await userOf(p);
      const changes = { ...prefs, updatedAt: clock.now() };
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, row.id, changes);
        await audit.record(tx, {
          ...meta,
          action: 'account.preferences',
          target: { type: 'user', id: row.id },
          details: { ...prefs },
        });
      });
      return toUser({ ...row, ...changes });
    },
    async changePassword(p, currentPassword, newPassword, meta) {
      const row = await userOf(p);
      await checkPassword(row, currentPassword);
      await throttle.clearReauth(row.id);
      assertPasswordPolicy(newPassword, row.username);
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, row.id, { passwordHash, passwordChangedAt: now, updatedAt: now });
        // Other sessions may belong to whoever knew the old password: end them.
        await revokeUserSessions(tx, row.id, now, p.sessionId);
        await audit.record(tx, {
          ...meta,
          action: 'account.password_change',
          target: { type: 'user', id: row.id },
        });
      });
    },
    async startTotp(p) {
      const row = await userOf(p);
      if (row.totpSecret !== null)
        throw new ConflictError(
          'Two-factor authentication is already on.',
          undefined,
          'totp_enabled',
        );
      const secret = newTotpSecret();
      await updateUser(db, row.id, {
        totpPendingSecret: secrets.seal(secret, { ...totpPendingColumn, id: row.id }),
      });
      return { ...(await totpEnrolment(secret, row.username)), secret };
    },
    async confirmTotp(p, code, meta) {
      const row = await userOf(p);
      if (row.totpPendingSecret === null)
        throw new ValidationError('Start the two-factor setup first.');
      const secret = secrets.open(row.totpPendingSecret, { ...totpPendingColumn, id: row.id });
      const step = matchTotp(secret, code, clock.now());
      if (step === undefined)
        throw new ValidationError('The code is not valid; check the clock of your device.', {
          field: 'code',
        });
      return db.transaction().execute(async (tx) => {
        await updateUser(tx, row.id, {
          totpSecret: secrets.seal(secret, { ...totpSecretColumn, id: row.id }),
          totpPendingSecret: null,
          totpLastStep: step,
          updatedAt: clock.now(),
        });
        const codes = await issueRecoveryCodes(tx, row.id);
        await audit.record(tx, {
          ...meta,
          action: 'account.totp_enable',
          target: { type: 'user', id: row.id },
        });
        return codes;
      });
    },
    async disableTotp(p, password, code, meta) {
      const row = await userOf(p);
      await checkPassword(row, password);
      if (row.totpSecret === null)
        throw new ConflictError('Two-factor authentication is off.', undefined, 'totp_disabled');
      if ((await deps.settings.get(db, requireTotpSetting)).value) {
        throw new ConflictError(
          'The owner requires two-factor authentication for everyone.',
          undefined,
          'totp_required_by_policy',
        );
      }
      const step = matchTotp(
        secrets.open(row.totpSecret, { ...totpSecretColumn, id: row.id }),
        code,
        clock.now(),
      );
      if (step === undefined || !(await claimTotpStep(db, row.id, step))) {
        throw new ValidationError('The code is not valid.', { field: 'code' });
      }
      await throttle.clearReauth(row.id);
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, row.id, {
          totpSecret: null,
          totpLastStep: null,
          updatedAt: clock.now(),
        });
        await replaceRecoveryCodes(tx, row.id, []);
        await audit.record(tx, {
          ...meta,
          action: 'account.totp_disable',
          target: { type: 'user', id: row.id },
        });
      });
    },
    async regenerateRecoveryCodes(p, password, meta) {
      const row = await userOf(p);
      await checkPassword(row, password);
      await throttle.clearReauth(row.id);
      if (row.totpSecret === null)
        throw new ConflictError(
          'Turn on two-factor authentication first.',
          undefined,
          'totp_disabled',
        );
      return db.transaction().execute(async (tx) => {
        const codes = await issueRecoveryCodes(tx, row.id);
        await audit.record(tx, {
          ...meta,
          action: 'account.recovery_codes_regenerate',
          target: { type: 'user', id: row.id },
        });
        return codes;
      });
    },
    async listSessions(p) {
      const rows = await listLiveSessions(db, p.id, clock.now());
      return rows.map((s) => ({
        // The row id is a hash of the cookie; showing it reveals nothing usable.
        id: s.id,
        ip: s.ip,
        userAgent: s.userAgent,
        browser: describeBrowser(s.userAgent),
        createdAt: iso(s.createdAt) ?? '',
        lastSeenAt: iso(s.lastSeenAt) ?? '',
        isCurrent: s.id === p.sessionId,
      }));
    },
    async revokeSession(p, id, meta) {
      await db.transaction().execute(async (tx) => {
        if (!(await revokeSession(tx, p.id, id, clock.now())))
          throw new NotFoundError('Session', id.slice(0, 8));
        await audit.record(tx, {
          ...meta,
          action: 'account.session_revoke',
          target: { type: 'session', id: id.slice(0, 12) },
        });
      });
    },
    async revokeOtherSessions(p, meta) {
      return db.transaction().execute(async (tx) => {
        const n = await revokeUserSessions(tx, p.id, clock.now(), p.sessionId);
        await audit.record(tx, {
          ...meta,
          action: 'account.sessions_revoke_all',
          details: { count: n },
        });
        return n;
      });
    },
  };
}
