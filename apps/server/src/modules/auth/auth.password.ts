import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../errors';
import { commonPasswords } from './common-passwords';

/** ASVS 2.1.1/2.1.2: at least 12 characters, at most 128, any characters allowed. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// @node-rs/argon2's Algorithm is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane (~60 ms here).
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Verifies a password against an argon2 hash; false (not a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password, verified against when the username is unknown so that a
 * wrong username costs the same argon2 time as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/** Throws a ValidationError naming why the password is not acceptable. */
export function assertPasswordPolicy(password: string, username: string): void {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN) problems.push(`at least ${PASSWORD_MIN} characters`);
  if ([...password].length > PASSWORD_MAX) problems.push(`at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) problems.push('not a commonly used password');
  if (/^(.)\1*$/.test(password)) problems.push('not one repeated character');
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    problems.push('not containing the username');
  if (problems.length > 0) {
    throw new ValidationError(`The password must be ${problems.join(', ')}.`, {
      field: 'password',
      problems,
    });
  }
}
