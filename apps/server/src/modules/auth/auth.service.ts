import { validIp } from '../../platform/ip';
import { createHash, randomBytes } from 'node:crypto';
import type { LoginRequest, Role, SessionState } from '@kiana/contracts';
import { RateLimitedError, UnauthorizedError } from '../../errors';
import type { AuditActor, AuditContext } from '../audit/audit.service';
import type { UserPrincipal } from '../../http/principal';
import { dummyHash, verifyPassword } from './auth.password';
import { hashRecoveryCode, matchTotp } from './auth.totp';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOUCH_MS,
  requireTotpSetting,
  iso,
  type AuthDeps,
} from './auth.deps';
import type { Executor } from '../../db/executor';
import { permissionsOfRole } from './permissions';
import { totpSecretColumn } from './auth.secrets';
import { ATTACK_THRESHOLD, createLoginThrottle } from './throttle.service';
import {
  claimTotpStep,
  countUsers,
  findUserById,
  findUserByUsername,
  updateUser,
  useRecoveryCode,
} from './users.repo';
import { findSessionWithUser, insertSession, revokeSession, touchSession } from './sessions.repo';
import { toUser } from './users.service';

/** The cookie value handed to the browser and the CSRF token of its session. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** SHA-256 of a session cookie value: the row id. A database leak yields no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const GENERIC = 'Invalid username or password';

export interface AuthService {
  login(input: LoginRequest, meta: AuditContext): Promise<NewSession>;
  logout(principal: UserPrincipal, meta: AuditContext): Promise<void>;
  /** The principal of a session cookie, or undefined when it is unknown, expired or revoked. */
  resolveSession(token: string): Promise<UserPrincipal | undefined>;
  sessionState(principal: UserPrincipal | undefined): Promise<SessionState>;
  requireTotp(): Promise<boolean>;
  setRequireTotp(value: boolean, by: AuditContext): Promise<void>;
  /** Opens a session for a user who has just proven who they are (login, setup). */
  openSession(userId: string, meta: AuditContext): Promise<NewSession>;
}

/** Creates the login / session service. */
export function createAuthService(deps: AuthDeps): AuthService {
  const { clock, audit, secrets } = deps;
  const db = deps.db.kysely;
  const throttle = createLoginThrottle(deps.db, clock, secrets);

  const requireTotp = async (): Promise<boolean> =>
    (await deps.settings.get(db, requireTotpSetting)).value;

  const insertNewSession = async (
    ex: Executor,
    userId: string,
    meta: AuditContext,
  ): Promise<NewSession> => {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = clock.now();
    const expiresAt = now + SESSION_ABSOLUTE_MS;
    await insertSession(ex, {
      id: sessionIdOf(token),
      userId,
      csrfToken,
      ip: validIp(meta.ip),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { token, csrfToken, expiresAt };
  };
  const openSession: AuthService['openSession'] = (userId, meta) =>
    insertNewSession(db, userId, meta);

  return {
    async login(input, meta) {
      const ip = validIp(meta.ip) ?? 'unknown';
      const username = input.username.trim().toLowerCase();
      const user = await findUserByUsername(db, username);
      // What was typed as a username is often a password: a name that matches no user is
      // kept only as a keyed hash, so repeated tries can be told apart but never read.
      const actor: AuditActor =
        user === undefined
          ? { type: 'anonymous' }
          : { type: 'user', id: user.id, name: user.username };
      const unknownRef =
        user === undefined
          ? { usernameRef: (await throttle.usernameRef(username)).slice(0, 12) }
          : {};
      const attempt = { ...meta, actor, action: 'auth.login' };
      const reserved = await throttle.reserve(ip, username);
      if (!reserved.ok) {
        await audit.record(db, {
          ...attempt,
          outcome: 'denied',
          details: { reason: 'locked_out', ...unknownRef },
        });
        throw new RateLimitedError(
          'Too many failed sign-in attempts. Try again later.',
          Math.ceil(reserved.waitMs / 1000),
        );
      }
      // Always run argon2 once, against a dummy hash for an unknown name: the response
      // time then does not tell a wrong username from a wrong password.
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyHash()),
        input.password,
      );
      const fail = async (
        reason: string,
        code = 'invalid_credentials',
        message = GENERIC,
      ): Promise<never> => {
        const { userFailures } = await throttle.recordFailure(ip, username);
        await db.transaction().execute(async (tx) => {
          if (user !== undefined) await updateUser(tx, user.id, { lastFailedLoginAt: clock.now() });
          await audit.record(tx, {
            ...attempt,
            outcome: 'failure',
            details: { reason, ...unknownRef },
          });
          if (user !== undefined && userFailures === ATTACK_THRESHOLD) {
            // Once per wave: the count is forgotten an hour after the last failure.
            await audit.record(tx, {
              ...attempt,
              action: 'auth.account_under_attack',
              outcome: 'denied',
              target: { type: 'user', id: user.id },
              details: { failures: userFailures },
            });
          }
        });
        throw new UnauthorizedError(message, code);
      };
      if (user === undefined) return fail('unknown_user');
      if (!passwordOk) return fail('bad_password');
      if (user.isActive !== 1) return fail('inactive');
      if (user.totpSecret !== null) {
        if (input.totpCode === undefined && input.recoveryCode === undefined) {
          await throttle.release(ip, username);
          await audit.record(db, {
            ...attempt,
            actor: { type: 'user', id: user.id, name: user.username },
            action: 'auth.login_challenge',
          });
          throw new UnauthorizedError(
            'Enter the code from your authenticator app',
            'totp_required',
          );
        }
        const now = clock.now();
        let ok = false;
        if (input.totpCode !== undefined) {
          const secret = secrets.open(user.totpSecret, { ...totpSecretColumn, id: user.id });
          const step = matchTotp(secret, input.totpCode, now);
          ok = step !== undefined && (await claimTotpStep(db, user.id, step));
        } else if (input.recoveryCode !== undefined) {
          const code = hashRecoveryCode(input.recoveryCode);
          ok = await db.transaction().execute(async (tx) => {
            const used = await useRecoveryCode(tx, user.id, code, now);
            if (used)
              await audit.record(tx, {
                ...attempt,
                actor: { type: 'user', id: user.id, name: user.username },
                action: 'auth.recovery_code_used',
              });
            return used;
          });
        }
        if (!ok) return fail('bad_second_factor', 'invalid_totp', 'The code is not valid');
      }
      await throttle.recordSuccess(ip, username);
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        await updateUser(tx, user.id, { lastLoginAt: now, lastLoginIp: validIp(meta.ip) });
        const session = await insertNewSession(tx, user.id, meta);
        await audit.record(tx, {
          ...attempt,
          actor: { type: 'user', id: user.id, name: user.username },
          details: { secondFactor: user.totpSecret !== null },
        });
        return session;
      });
    },

    async logout(principal, meta) {
      await db.transaction().execute(async (tx) => {
        await revokeSession(tx, principal.id, principal.sessionId, clock.now());
        await audit.record(tx, { ...meta, action: 'auth.logout' });
      });
    },

    async resolveSession(token) {
      const found = await findSessionWithUser(db, sessionIdOf(token));
      if (found === undefined) return undefined;
      const { session, user } = found;
      const now = clock.now();
      if (
        user.isActive !== 1 ||
        now >= Number(session.expiresAt) ||
        now - Number(session.lastSeenAt) >= SESSION_IDLE_MS
      ) {
        return undefined;
      }
      let lastSeenAt = Number(session.lastSeenAt);
      if (now - lastSeenAt >= SESSION_TOUCH_MS) {
        await touchSession(db, session.id, now);
        lastSeenAt = now;
      }
      const role = user.role as Role;
      return {
        kind: 'user',
        id: user.id,
        username: user.username,
        role,
        permissions: new Set(permissionsOfRole(role)),
        sessionId: session.id,
        csrfToken: session.csrfToken,
        sessionExpiresAt: Math.min(Number(session.expiresAt), lastSeenAt + SESSION_IDLE_MS),
        mustEnrolTotp: user.totpSecret === null && (await requireTotp()),
      };
    },

    async sessionState(principal) {
      if (principal === undefined)
        return { authenticated: false, needsSetup: (await countUsers(db)) === 0 };
      const row = await findUserById(db, principal.id);
      if (row === undefined) return { authenticated: false, needsSetup: false };
      return {
        authenticated: true,
        user: toUser(row),
        permissions: [...principal.permissions],
        csrfToken: principal.csrfToken,
        mustEnrolTotp: principal.mustEnrolTotp,
        recentFailedSignIns: (await throttle.recentFailures(row.username, clock.now())).count,
        expiresAt: iso(principal.sessionExpiresAt) ?? '',
      };
    },

    requireTotp,
    async setRequireTotp(value, by) {
      await deps.settings.update(requireTotpSetting, value, (tx) =>
        audit.record(tx, {
          ...by,
          action: 'settings.security_policy',
          details: { requireTotp: value },
        }),
      );
    },
    openSession,
  };
}
