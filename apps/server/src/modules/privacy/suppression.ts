import { createHmac } from 'node:crypto';
import type { Executor } from '../../db/executor';
import type { Secrets } from '../../crypto/secrets';
import { systemSecret } from '../../crypto/system-secrets';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../errors';
import { toE164OrThrow } from '../contacts/contacts.phone';
import { anySuppressed, insertSuppression } from './privacy.repo';

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
