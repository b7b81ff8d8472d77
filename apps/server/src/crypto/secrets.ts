import { decryptSecret, encryptSecret, secretHint } from './envelope';
import type { Keyring } from './keyring';

/**
 * A database column that holds encrypted secrets. `table`, `idColumn` and `column` are
 * database names (snake_case). Every value in such a column must be made by
 * `Secrets.seal` with the same table, column and row id, which binds the ciphertext to
 * its row (AES-GCM additional data), so a value copied into another row does not decrypt.
 */
export interface SecretColumn {
  table: string;
  idColumn: string;
  column: string;
}

/** Where a secret lives: the row it belongs to. */
export interface SecretLocation {
  table: string;
  column: string;
  id: string;
}

const registry: SecretColumn[] = [];

/**
 * Adds a column to the registry that `kiana keys rotate` re-encrypts. Modules call this
 * at import time, next to their table types (e.g. `auth.secrets.ts`).
 */
export function registerSecretColumn(column: SecretColumn): void {
  const exists = registry.some((c) => c.table === column.table && c.column === column.column);
  if (!exists) registry.push({ ...column });
}

/** Every registered secret column. */
export function secretColumns(): readonly SecretColumn[] {
  return registry;
}

/** The additional authenticated data that binds a ciphertext to its row. */
export function secretAad(where: SecretLocation): string {
  return `${where.table}.${where.column}:${where.id}`;
}

/** What modules use for secrets at rest; never log what `open` returns. */
export interface Secrets {
  /** Encrypts under the current master key, bound to its row. */
  seal(plaintext: string, where: SecretLocation): string;
  /** Decrypts a sealed value; throws when it was altered, moved or its key is gone. */
  open(envelope: string, where: SecretLocation): string;
  /** `{ isSet, hint }`: all the API may ever show of a secret. */
  hint(plaintext: string | null | undefined): { isSet: boolean; hint: string | null };
}

/** The secrets helper over a keyring. */
export function createSecrets(keyring: Keyring): Secrets {
  return {
    seal: (plaintext, where) => encryptSecret(keyring, plaintext, secretAad(where)),
    open: (envelope, where) => decryptSecret(keyring, envelope, secretAad(where)),
    hint: secretHint,
  };
}
