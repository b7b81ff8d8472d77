import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, keyIdOfCiphertext } from './envelope';
import { KEY_FILE_NAME, loadKeyring } from './keyring';

describe('secret envelope', () => {
  const keyring = loadKeyring(
    fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-key-')),
    randomBytes(32).toString('base64'),
  );

  it('round-trips and uses a fresh nonce each time', () => {
    const a = encryptSecret(keyring, 'EAAG-secret-token');
    const b = encryptSecret(keyring, 'EAAG-secret-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('EAAG');
    expect(decryptSecret(keyring, a)).toBe('EAAG-secret-token');
    expect(keyIdOfCiphertext(a)).toBe(keyring.current.id);
  });

  it('refuses a tampered value', () => {
    const value = encryptSecret(keyring, 'abc');
    const parts = value.split('.');
    parts[3] = Buffer.from('xyz').toString('base64url');
    expect(() => decryptSecret(keyring, parts.join('.'))).toThrow();
  });

  it('generates the key file once, with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-key-'));
    const first = loadKeyring(dir, undefined);
    const second = loadKeyring(dir, undefined);
    expect(second.current.id).toBe(first.current.id);
    expect(fs.statSync(path.join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  });
});
