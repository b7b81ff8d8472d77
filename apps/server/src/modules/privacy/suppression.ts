import { createHmac } from 'node:crypto';
import type { Executor } from '../../db/executor';
import type { Secrets } from '../../crypto/secrets';
import { systemSecret } from '../../crypto/system-secrets';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../errors';
import { toE164OrThrow } from '../contacts/contacts.phone';
import { anySuppressed, insertSuppression, suppressedHashesAmong } from './privacy.repo';

/** Hashes per query: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHECK_CHUNK = 1000;
/** E.164 as the normaliser writes it: hashed as given (parsing a million numbers takes minutes). */
const CANONICAL_E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The suppression list: numbers of people whose data was deleted and who must never be
 * messaged again. Only a keyed hash is stored (HMAC-SHA256 under a random installation
 * key kept sealed by the master key), so the list itself does not reveal the numbers and
 * cannot be reversed by hashing every possible number without the key. The HMAC key is
 * not derived from the master key: a master-key rotation retires old keys, and entries
 * hashed under a retired key could never be matched again.
 */
export interface Suppression {
  /** True when this number must not be messaged (campaigns and the inbox call this). */
  isSuppressed(phoneE164: string): Promise<boolean>;
  /**
   * The numbers among `phones` that must not be messaged, checked in one pass: each is
   * hashed once and looked up a chunk at a time, never one query per number. Numbers in
   * the normaliser's E.164 (as contacts store them) are hashed as given; others are
   * normalised first. Returns the inputs as given.
   */
  suppressedAmong(phones: readonly string[]): Promise<Set<string>>;
  /** Adds numbers to the list; idempotent. */
  suppress(phonesE164: readonly string[], reason: string, requestId: string | null): Promise<void>;
  /** The stored hash of a number (tests and audits only). */
  hashOf(phoneE164: string): Promise<string>;
}

/**
 * Canonical E.164 of a number typed by a person or given by Meta; throws when unreadable.
 * Only the length is checked: stored numbers come from wa_ids, which can sit in ranges the
 * numbering plans do not list, and a deletion request must still find them.
 */
export function toE164(input: string): string {
  return toE164OrThrow(
    input,
    { check: 'possible' },
    (reason) =>
      new ValidationError(
        `The phone number is not valid (${reason}); give it with its country code, e.g. +44 20 7946 0958`,
      ),
  );
}

/** Creates the suppression list; its HMAC key is the installation secret `suppression-list`. */
export function createSuppression(deps: {
  db: Executor;
  secrets: Secrets;
  clock: Clock;
}): Suppression {
  let key: Promise<Buffer> | undefined;
  const hmacKey = (): Promise<Buffer> => {
    key ??= systemSecret(deps.db, deps.secrets, 'suppression-list').catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  const hash = async (phone: string): Promise<string> =>
    createHmac('sha256', await hmacKey())
      .update(normalise(phone))
      .digest('hex');
  return {
    async isSuppressed(phoneE164) {
      return anySuppressed(deps.db, [await hash(phoneE164)]);
    },
    async suppressedAmong(phones) {
      const secret = await hmacKey();
      const found = new Set<string>();
      for (let start = 0; start < phones.length; start += CHECK_CHUNK) {
        const byHash = new Map<string, string[]>();
        for (const phone of phones.slice(start, start + CHECK_CHUNK)) {
          const canonical = CANONICAL_E164.test(phone) ? phone : normalise(phone);
          const h = createHmac('sha256', secret).update(canonical).digest('hex');
          const same = byHash.get(h);
          if (same === undefined) byHash.set(h, [phone]);
          else same.push(phone);
        }
        for (const h of await suppressedHashesAmong(deps.db, [...byHash.keys()]))
          for (const phone of byHash.get(h) ?? []) found.add(phone);
      }
      return found;
    },
    async suppress(phones, reason, requestId) {
      for (const phone of new Set(phones.map(normalise))) {
        await insertSuppression(deps.db, {
          hash: await hash(phone),
          reason,
          requestId,
          createdAt: deps.clock.now(),
        });
      }
    },
    hashOf: hash,
  };
}

function normalise(phone: string): string {
  try {
    return toE164(phone);
  } catch {
    return phone.trim();
  }
}
