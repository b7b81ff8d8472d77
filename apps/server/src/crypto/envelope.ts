import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

const VERSION = 'v1';

/**
 * Encrypts a secret with AES-256-GCM under the keyring's current key. The result is
 * `v1.<keyId>.<nonce>.<ciphertext>.<tag>` (base64url parts), so each value names the
 * key that made it and rotation can find what to re-encrypt.
 */
export function encryptSecret(keyring: Keyring, plaintext: string, aad = ''): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, nonce);
  if (aad !== '') cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    keyring.current.id,
    nonce.toString('base64url'),
    ciphertext.toString('base64url'),
    tag.toString('base64url'),
  ].join('.');
}

/** The id of the key that encrypted a value. */
export function keyIdOfCiphertext(envelope: string): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('Not an encrypted value');
  return parts[1] ?? '';
}

/** Decrypts a value made by encryptSecret; throws when the key is unknown or the value was altered. */
export function decryptSecret(keyring: Keyring, envelope: string, aad = ''): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('Not an encrypted value');
  const [, keyId, nonce, ciphertext, tag] = parts as [string, string, string, string, string];
  let key = keyring.all.get(keyId);
  if (key === undefined && keyring.reload !== undefined) {
    // A value under a key this process has not seen yet: a rotation just happened elsewhere.
    keyring.reload();
    key = keyring.all.get(keyId);
  }
  if (key === undefined) throw new Error(`No key ${keyId} in the keyring`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(nonce, 'base64url'));
  if (aad !== '') decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** What the API shows for a secret field: whether it is set and its last 4 characters. */
export function secretHint(plaintext: string | undefined | null): {
  isSet: boolean;
  hint: string | null;
} {
  if (plaintext === undefined || plaintext === null || plaintext === '')
    return { isSet: false, hint: null };
  return { isSet: true, hint: plaintext.length > 8 ? `…${plaintext.slice(-4)}` : '…' };
}
