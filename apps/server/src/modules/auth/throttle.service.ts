import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { clearThrottle, findThrottles, saveThrottle } from './throttle.repo';

/** Failures before a username is locked, and before an address is. */
export const USER_THRESHOLD = 5;
export const IP_THRESHOLD = 20;
/** The first lockout; each further failure doubles it, up to the maximum. */
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_MS = 60 * 60_000;

/** Login throttling per IP and per username, kept in the database so every node shares it. */
export interface LoginThrottle {
  /** Milliseconds until a login may be tried again; 0 when not locked. */
  retryAfter(ip: string, username: string): Promise<number>;
  recordFailure(ip: string, username: string): Promise<void>;
  recordSuccess(ip: string, username: string): Promise<void>;
}

const keysOf = (ip: string, username: string): { ip: string; user: string } => ({
  ip: `ip:${ip}`,
  user: `user:${username.trim().toLowerCase()}`,
});

/** Creates the DB-backed throttle. */
export function createLoginThrottle(db: Db, clock: Clock): LoginThrottle {
  return {
    async retryAfter(ip, username) {
      const keys = keysOf(ip, username);
      const now = clock.now();
      const rows = await findThrottles(db, [keys.ip, keys.user]);
      const until = Math.max(0, ...rows.map((r) => Number(r.lockedUntil)));
      return Math.max(0, until - now);
    },
    async recordFailure(ip, username) {
      const keys = keysOf(ip, username);
      const now = clock.now();
      const rows = await findThrottles(db, [keys.ip, keys.user]);
      for (const [key, threshold] of [
        [keys.ip, IP_THRESHOLD],
        [keys.user, USER_THRESHOLD],
      ] as const) {
        const row = rows.find((r) => r.key === key);
        const previous =
          row === undefined || now - Number(row.updatedAt) > FORGET_MS ? 0 : row.failures;
        const failures = previous + 1;
        // Growing delays: 30 s at the threshold, doubling per further failure, 15 min at most.
        const lockedUntil =
          failures >= threshold
            ? now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(20, failures - threshold))
            : 0;
        await saveThrottle(db, { key, failures, lockedUntil, updatedAt: now });
      }
    },
    async recordSuccess(ip, username) {
      const keys = keysOf(ip, username);
      await clearThrottle(db, keys.user);
      await clearThrottle(db, keys.ip);
    },
  };
}
