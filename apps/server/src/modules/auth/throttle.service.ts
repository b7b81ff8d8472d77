import { createHmac } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Secrets } from '../../crypto/secrets';
import { systemSecret } from '../../crypto/system-secrets';
import {
  clearThrottle,
  findThrottles,
  insertThrottle,
  replaceThrottle,
  type ThrottleRow,
} from './throttle.repo';

/** Tries of one username from one address before that pair is locked. */
export const PAIR_THRESHOLD = 5;
/** Back-compat name: the per-username tries an address gets. */
export const USER_THRESHOLD = PAIR_THRESHOLD;
/** Failures from one address, whatever the usernames, before the address is locked. */
export const IP_THRESHOLD = 20;
/**
 * Failures of one username from all addresses after which it counts as under attack: the
 * owner is told, and every address that has failed on it is locked after each further
 * failure (it is slowed down), while an address that has not failed keeps its full tries.
 */
export const ATTACK_THRESHOLD = 10;
/** The first lockout; each further failure doubles it, up to the maximum. */
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_MS = 60 * 60_000;

const CAS_TRIES = 50;

/**
 * Sign-in throttling after OWASP's account-lockout guidance, kept in the database so every
 * node shares it: a lock per (username, address) and per address, never per username alone
 * (one request per period would then keep the owner out forever). An attempt is reserved
 * before its password is checked, so parallel guesses cannot outrun the count.
 */
export interface LoginThrottle {
  /** Takes one try for (address, username), or says how long until one is free. */
  reserve(ip: string, username: string): Promise<{ ok: true } | { ok: false; waitMs: number }>;
  /** The try failed: counts it against the username; returns that count. */
  recordFailure(ip: string, username: string): Promise<{ userFailures: number }>;
  /** The password was right: the pair starts afresh and the address gets its try back. */
  recordSuccess(ip: string, username: string): Promise<void>;
  /** The password was right but the sign-in went on to a second step: give the try back. */
  release(ip: string, username: string): Promise<void>;
  /** Failures against a username within the last hour (the owner's warning). */
  recentFailures(username: string, now: number): Promise<{ count: number; lastAt: number | null }>;
  /** A keyed hash of a typed username: stored instead of the text (often a password). */
  usernameRef(username: string): Promise<string>;
  /**
   * Takes one try at re-entering the current password of a signed-in user (password change,
   * 2FA off, new recovery codes). Per user: whoever holds the session is who guesses.
   */
  reserveReauth(userId: string): Promise<{ ok: true } | { ok: false; waitMs: number }>;
  /** The re-check passed: the user's tries start afresh. */
  clearReauth(userId: string): Promise<void>;
}

const lockFor = (over: number): number =>
  Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(20, over));
const fresh = (row: ThrottleRow | undefined, now: number): row is ThrottleRow =>
  row !== undefined && now - Number(row.updatedAt) <= FORGET_MS;

/** Creates the DB-backed throttle. */
export function createLoginThrottle(db: Db, clock: Clock, secrets: Secrets): LoginThrottle {
  let key: Promise<Buffer> | undefined;
  const usernameRef = async (username: string): Promise<string> => {
    key ??= systemSecret(db.kysely, secrets, 'auth.username_key').catch((e: unknown) => {
      key = undefined;
      throw e;
    });
    return createHmac('sha256', await key)
      .update(username.trim().toLowerCase())
      .digest('hex')
      .slice(0, 32);
  };
  const keysOf = async (ip: string, username: string) => {
    const ref = await usernameRef(username);
    return { ip: `ip:${ip}`, user: `user:${ref}`, pair: `pair:${ref}@${ip}` };
  };

  /**
   * Adds `delta` to a key's count with compare-and-set; with a threshold, refuses while the
   * key is locked and locks it (before the password is even checked) once the count reaches it.
   */
  async function bump(
    k: string,
    delta: number,
    threshold: number,
  ): Promise<{ ok: true; failures: number } | { ok: false; waitMs: number }> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const now = clock.now();
      const [row] = await findThrottles(db.kysely, [k]);
      if (delta > 0 && row !== undefined && Number(row.lockedUntil) > now)
        return { ok: false, waitMs: Number(row.lockedUntil) - now };
      const failures = Math.max(0, (fresh(row, now) ? row.failures : 0) + delta);
      const lockedUntil =
        delta > 0 && failures >= threshold
          ? now + lockFor(failures - threshold)
          : delta < 0 && failures < threshold
            ? 0
            : Number(row?.lockedUntil ?? 0);
      const next = { key: k, failures, lockedUntil, updatedAt: now };
      const done =
        row === undefined
          ? await insertThrottle(db.kysely, next)
          : await replaceThrottle(db.kysely, row, next);
      if (done) return { ok: true, failures };
    }
    // Constant contention on one key is itself an attack: refuse rather than spin.
    return { ok: false, waitMs: BASE_LOCK_MS };
  }

  return {
    usernameRef,
    async reserve(ip, username) {
      const keys = await keysOf(ip, username);
      const now = clock.now();
      const rows = await findThrottles(db.kysely, [keys.ip, keys.pair, keys.user]);
      const locked = Math.max(
        0,
        ...rows.filter((r) => r.key !== keys.user).map((r) => Number(r.lockedUntil) - now),
      );
      if (locked > 0) return { ok: false, waitMs: locked };
      const userRow = rows.find((r) => r.key === keys.user);
      const pairRow = rows.find((r) => r.key === keys.pair);
      const underAttack = fresh(userRow, now) && userRow.failures >= ATTACK_THRESHOLD;
      // Under attack, an address that has already failed on this username is locked after
      // each further try; one that has not failed keeps the usual number.
      const pairThreshold =
        underAttack && fresh(pairRow, now) && pairRow.failures > 0
          ? pairRow.failures + 1
          : PAIR_THRESHOLD;
      const pair = await bump(keys.pair, 1, pairThreshold);
      if (!pair.ok) return pair;
      const address = await bump(keys.ip, 1, IP_THRESHOLD);
      if (!address.ok) return address;
      return { ok: true };
    },
    async recordFailure(ip, username) {
      const keys = await keysOf(ip, username);
      const user = await bump(keys.user, 1, Number.POSITIVE_INFINITY);
      return { userFailures: user.ok ? user.failures : ATTACK_THRESHOLD };
    },
    async recordSuccess(ip, username) {
      const keys = await keysOf(ip, username);
      await clearThrottle(db.kysely, keys.pair);
      await bump(keys.ip, -1, IP_THRESHOLD);
    },
    async release(ip, username) {
      const keys = await keysOf(ip, username);
      await bump(keys.pair, -1, PAIR_THRESHOLD);
      await bump(keys.ip, -1, IP_THRESHOLD);
    },
    async reserveReauth(userId) {
      const result = await bump(`reauth:${userId}`, 1, PAIR_THRESHOLD);
      return result.ok ? { ok: true } : result;
    },
    async clearReauth(userId) {
      await clearThrottle(db.kysely, `reauth:${userId}`);
    },
    async recentFailures(username, now) {
      const keys = await keysOf('-', username);
      const [row] = await findThrottles(db.kysely, [keys.user]);
      return fresh(row, now)
        ? { count: row.failures, lastAt: Number(row.updatedAt) }
        : { count: 0, lastAt: null };
    },
  };
}
