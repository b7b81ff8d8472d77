import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** One AES-256 key and the short id stored beside every ciphertext it made. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The keys that can decrypt, and the one that encrypts. */
export interface Keyring {
  readonly current: MasterKey;
  readonly all: Map<string, MasterKey>;
  /** Re-reads the key file now (a live keyring); static keyrings have none. */
  reload?(): void;
}

/** How often a live keyring looks at the key file's modification time. */
export const KEYRING_RELOAD_MS = 1_000;

const keyFileSchema = z.object({
  current: z.string().min(1),
  keys: z
    .array(z.object({ id: z.string().min(1), key: z.string().min(1), createdAt: z.string() }))
    .min(1),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export const KEY_FILE_NAME = 'master.key';

/** A key's id: the first 8 bytes of its SHA-256 in hex, so the id reveals nothing. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function toMasterKey(base64: string): MasterKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('A master key must be 32 bytes (base64 encoded).');
  return { id: keyIdOf(key), key };
}

/** Reads the key file, or undefined when there is none. */
export function readKeyFile(dataDir: string): KeyFile | undefined {
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) return undefined;
  return keyFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Writes the key file atomically with mode 0600. */
export function writeKeyFile(dataDir: string, content: KeyFile): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, KEY_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

/** Makes a fresh random key entry for the key file. */
export function newKeyEntry(now = new Date()): KeyFile['keys'][number] {
  const key = randomBytes(32);
  return { id: keyIdOf(key), key: key.toString('base64'), createdAt: now.toISOString() };
}

/**
 * Loads the keyring. `KIANA_MASTER_KEY` wins when set (older keys from the key file
 * stay usable for decryption); otherwise the key file in the data directory is used,
 * generated once with mode 0600 when absent.
 *
 * The keyring is live: it notices within a second when `kiana keys rotate` rewrites the
 * key file, so running servers encrypt under the new key and decrypt values re-encrypted
 * under it without a restart (rotation without downtime).
 */
export function loadKeyring(
  dataDir: string,
  envKey: string | undefined,
  previousEnvKeys: readonly string[] = [],
): Keyring {
  let state = readKeyring(dataDir, envKey, true, previousEnvKeys);
  let mtime = keyFileMtime(dataDir);
  let checkedAt = Date.now();
  const refresh = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - checkedAt < KEYRING_RELOAD_MS) return;
    checkedAt = now;
    const m = keyFileMtime(dataDir);
    if (!force && m === mtime) return;
    mtime = m;
    try {
      state = readKeyring(dataDir, envKey, false, previousEnvKeys);
    } catch {
      // A half-written or broken file keeps the keys already loaded; the next look retries.
    }
  };
  return {
    get current() {
      refresh(false);
      return state.current;
    },
    get all() {
      refresh(false);
      return state.all;
    },
    reload: () => refresh(true),
  };
}

function keyFileMtime(dataDir: string): number {
  try {
    return fs.statSync(path.join(dataDir, KEY_FILE_NAME)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * A fixed keyring read once from the key file (and the environment key, when given);
 * `previousEnvKeys` (KIANA_MASTER_KEY_PREVIOUS) decrypt but never encrypt.
 */
export function readKeyring(
  dataDir: string,
  envKey: string | undefined,
  create = false,
  previousEnvKeys: readonly string[] = [],
): Keyring {
  let file = readKeyFile(dataDir);
  if (file === undefined && envKey === undefined) {
    if (!create) throw new Error('No key file and no KIANA_MASTER_KEY.');
    const entry = newKeyEntry();
    file = { current: entry.id, keys: [entry] };
    writeKeyFile(dataDir, file);
  }
  const entries = [...(file?.keys ?? []), ...previousEnvKeys.map((key) => ({ key }))];
  return keyringOf(entries, envKey ?? file?.current ?? '', envKey);
}

/** Builds a static keyring from key entries; `currentId` (or the env key) encrypts. */
export function keyringOf(
  entries: readonly { key: string }[],
  currentId: string,
  envKey?: string,
): Keyring {
  const all = new Map<string, MasterKey>();
  for (const entry of entries) {
    const k = toMasterKey(entry.key);
    all.set(k.id, k);
  }
  let current: MasterKey | undefined;
  if (envKey !== undefined) {
    current = toMasterKey(envKey);
    all.set(current.id, current);
  } else {
    current = all.get(currentId);
  }
  if (current === undefined)
    throw new Error(`The key file names a current key that it does not hold.`);
  return { current, all };
}
