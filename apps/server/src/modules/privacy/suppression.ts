import { createHmac, hkdfSync } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Db } from '../../db/database';
import type { Keyring } from '../../crypto/keyring';
import type { Clock } from '../../platform/clock';
import { ValidationError } from '../../errors';
import { anySuppressed, insertSuppression } from './privacy.repo';

/**
 * The suppression list: numbers of people whose data was deleted and who must never be
 * messaged again. Only a keyed hash is stored (HMAC-SHA256 under a key derived from the
 * master key), so the list itself does not reveal the numbers and cannot be reversed by
 * hashing every possible number without the key.
 */
export interface Suppression {
  /** True when this number must not be messaged (campaigns and the inbox call this). */
  isSuppressed(phoneE164: string): Promise<boolean>;
  /** Adds numbers to the list; idempotent. */
  suppress(phonesE164: readonly string[], reason: string, requestId: string | null): Promise<void>;
  /** The stored hash of a number under the current key (tests and audits only). */
  hashOf(phoneE164: string): string;
}

function derivedKey(masterKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.from('kiana'), Buffer.from('suppression-list v1'), 32),
  );
}

/** Canonical E.164 of a number typed by a person or given by Meta; throws when unreadable. */
export function toE164(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${digits}`);
  if (parsed === undefined || !parsed.isPossible()) {
    throw new ValidationError(
      'The phone number is not valid; give it with its country code, e.g. +44 20 7946 0958',
    );
  }
  return parsed.number;
}

/** Creates the suppression list over the keyring; every key of the ring is checked, so rotation keeps old entries. */
export function createSuppression(deps: { db: Db; keyring: Keyring; clock: Clock }): Suppression {
  const keys = new Map<string, Buffer>();
  const keyFor = (id: string, master: Buffer): Buffer => {
    let k = keys.get(id);
    if (k === undefined) {
      k = derivedKey(master);
      keys.set(id, k);
    }
    return k;
  };
  const hash = (key: Buffer, phone: string): string =>
    createHmac('sha256', key).update(phone).digest('hex');
  const normalise = (phone: string): string => {
    try {
      return toE164(phone);
    } catch {
      return phone.trim();
    }
  };
  return {
    async isSuppressed(phoneE164) {
      const phone = normalise(phoneE164);
      const hashes = [...deps.keyring.all.values()].map((k) => hash(keyFor(k.id, k.key), phone));
      return anySuppressed(deps.db, hashes);
    },
    async suppress(phones, reason, requestId) {
      const current = deps.keyring.current;
      for (const phone of new Set(phones.map(normalise))) {
        await insertSuppression(deps.db, {
          hash: hash(keyFor(current.id, current.key), phone),
          reason,
          requestId,
          createdAt: deps.clock.now(),
        });
      }
    },
    hashOf(phoneE164) {
      const current = deps.keyring.current;
      return hash(keyFor(current.id, current.key), normalise(phoneE164));
    },
  };
}
