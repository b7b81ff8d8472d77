import { sql } from 'kysely';
import type { Db } from '../db/database';
import { decryptSecret, encryptSecret, keyIdOfCiphertext } from './envelope';
import {
  KEYRING_RELOAD_MS,
  keyringOf,
  newKeyEntry,
  readKeyFile,
  writeKeyFile,
  type Keyring,
} from './keyring';
import { secretAad, secretColumns, type SecretColumn } from './secrets';

/** What a rotation did. */
export interface RotationResult {
  newKeyId: string;
  retiredKeyIds: string[];
  reencrypted: number;
}

export interface RotateOptions {
  db: Db;
  dataDir: string;
  /** How long running servers get to pick up the new key before re-encryption starts. */
  graceMs?: number;
  /** Keep the old keys in the key file (decrypt-only) instead of retiring them. */
  keepOldKeys?: boolean;
  columns?: readonly SecretColumn[];
  onProgress?(message: string): void;
}

const BATCH = 500;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Rotates the master key without downtime:
 * 1. a new key becomes current in the key file; the old keys stay for decryption;
 * 2. after a grace period every running server (live keyring) encrypts under the new key;
 * 3. every registered secret column is re-encrypted row by row, each update guarded by
 *    the old value so a concurrent write is never overwritten, until a pass finds nothing
 *    left under an old key;
 * 4. the old keys are removed, so nothing decrypts with them any more.
 */
export async function rotateMasterKey(options: RotateOptions): Promise<RotationResult> {
  const log = options.onProgress ?? (() => {});
  const file = readKeyFile(options.dataDir);
  if (file === undefined) throw new Error('There is no key file to rotate.');
  const entry = newKeyEntry();
  const oldIds = file.keys.map((k) => k.id);
  writeKeyFile(options.dataDir, { current: entry.id, keys: [entry, ...file.keys] });
  log(`New master key ${entry.id} is current; old keys are kept for decryption meanwhile.`);
  await sleep(options.graceMs ?? KEYRING_RELOAD_MS * 2 + 500);

  const keyring = keyringOf([entry, ...file.keys], entry.id);
  const reencrypted = await reencryptAll(
    options.db,
    keyring,
    options.columns ?? secretColumns(),
    log,
  );
  if (options.keepOldKeys !== true) {
    writeKeyFile(options.dataDir, { current: entry.id, keys: [entry] });
    log(`Retired ${oldIds.length} old key(s).`);
  }
  return {
    newKeyId: entry.id,
    retiredKeyIds: options.keepOldKeys === true ? [] : oldIds,
    reencrypted,
  };
}

/**
 * Re-encrypts every value of the registered secret columns that is not under the
 * keyring's current key, pass after pass until none is left (a concurrent write under an
 * old key is caught by the next pass). Returns how many values were re-encrypted.
 */
export async function reencryptAll(
  db: Db,
  keyring: Keyring,
  columns: readonly SecretColumn[],
  log: (message: string) => void = () => {},
): Promise<number> {
  let reencrypted = 0;
  for (let pass = 1; ; pass++) {
    let changed = 0;
    let remaining = 0;
    for (const column of columns) {
      const result = await reencryptColumn(db, keyring, column);
      changed += result.changed;
      remaining += result.remaining;
    }
    reencrypted += changed;
    log(`Pass ${pass}: re-encrypted ${changed} value(s).`);
    if (remaining === 0) return reencrypted;
    if (pass >= 10)
      throw new Error(`${remaining} value(s) are still under an old key after 10 passes.`);
  }
}

async function reencryptColumn(
  db: Db,
  keyring: Keyring,
  column: SecretColumn,
): Promise<{ changed: number; remaining: number }> {
  const raw = db.kysely.withoutPlugins();
  const newPrefix = `v1.${keyring.current.id}.`;
  let changed = 0;
  let remaining = 0;
  let after = '';
  for (;;) {
    const rows = await sql<{ id: string; value: string }>`
      select ${sql.ref(column.idColumn)} as id, ${sql.ref(column.column)} as value
      from ${sql.table(column.table)}
      where ${sql.ref(column.column)} is not null
        and ${sql.ref(column.idColumn)} > ${after}
      order by ${sql.ref(column.idColumn)}
      limit ${BATCH}`.execute(raw);
    if (rows.rows.length === 0) break;
    for (const row of rows.rows) {
      after = row.id;
      if (row.value.startsWith(newPrefix)) continue;
      const aad = secretAad({ table: column.table, column: column.column, id: row.id });
      const fresh = encryptSecret(keyring, decryptSecret(keyring, row.value, aad), aad);
      const updated = await sql`
        update ${sql.table(column.table)} set ${sql.ref(column.column)} = ${fresh}
        where ${sql.ref(column.idColumn)} = ${row.id} and ${sql.ref(column.column)} = ${row.value}`.execute(
        raw,
      );
      if (Number(updated.numAffectedRows ?? 0) === 1) changed++;
      else remaining++;
    }
  }
  return { changed, remaining };
}

/** The key ids the values of a column are under; for checks and tests. */
export async function keyIdsInColumn(db: Db, column: SecretColumn): Promise<string[]> {
  const rows = await sql<{ value: string }>`
    select ${sql.ref(column.column)} as value from ${sql.table(column.table)}
    where ${sql.ref(column.column)} is not null`.execute(db.kysely.withoutPlugins());
  return rows.rows.map((r) => keyIdOfCiphertext(r.value));
}
