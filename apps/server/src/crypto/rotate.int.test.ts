import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../../test/test-db';
import { openDatabase, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { decryptSecret } from './envelope';
import { keyringOf, loadKeyring, readKeyFile, type KeyFile } from './keyring';
import { createSecrets, secretAad } from './secrets';
import { keyIdsInColumn } from './rotate';
import { totpPendingColumn, totpSecretColumn } from '../modules/auth/auth.secrets';
import { insertUser } from '../modules/auth/users.repo';

const run = promisify(execFile);
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('kiana keys rotate', () => {
  let dataDir: string;
  let db: Db;
  let drop: () => Promise<void>;
  let url: string | undefined;
  const plaintexts = new Map<string, string>();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-rotate-'));
    ({ url, drop } = await createTestDatabaseUrl(dataDir));
    db = openDatabase(
      url?.startsWith('sqlite:') === false
        ? { dialect: 'postgres', connectionString: url }
        : { dialect: 'sqlite', file: path.join(dataDir, 'kiana.db') },
    );
    await migrateToLatest(db);
    const secrets = createSecrets(loadKeyring(dataDir, undefined));
    for (let i = 0; i < 7; i++) {
      const id = randomUUID();
      const secret = `JBSWY3DPEHPK3PXP${i}`;
      plaintexts.set(id, secret);
      await insertUser(db.kysely, {
        id,
        username: `user${i}`,
        displayName: `User ${i}`,
        role: 'viewer',
        passwordHash: 'x',
        isActive: 1,
        totpSecret: secrets.seal(secret, { ...totpSecretColumn, id }),
        totpPendingSecret:
          i % 2 === 0 ? secrets.seal(`pending-${secret}`, { ...totpPendingColumn, id }) : null,
        totpLastStep: null,
        passwordChangedAt: 0,
        lastLoginAt: null,
        lastLoginIp: null,
        lastFailedLoginAt: null,
        createdAt: i,
        updatedAt: i,
      });
    }
  });
  afterAll(async () => {
    await db.close();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-encrypts every secret under a new key; none decrypts with the old key alone', async () => {
    const before = readKeyFile(dataDir) as KeyFile;
    // A running server's live keyring, loaded before the rotation.
    const live = createSecrets(loadKeyring(dataDir, undefined));

    const { stdout } = await run(
      process.execPath,
      ['bin/kiana.js', 'keys', 'rotate', '--grace', '1200'],
      {
        cwd: serverDir,
        env: {
          ...process.env,
          KIANA_DATA_DIR: dataDir,
          DATABASE_URL: url ?? '',
          KIANA_MASTER_KEY: '',
          LOG_LEVEL: 'warn',
        },
      },
    );
    expect(stdout).toMatch(/Done: 11 value\(s\) now under key/);

    const after = readKeyFile(dataDir) as KeyFile;
    expect(after.keys).toHaveLength(1);
    expect(after.current).not.toBe(before.current);
    const onlyNew = keyringOf(after.keys, after.current);
    const onlyOld = keyringOf(before.keys, before.current);

    for (const column of [totpSecretColumn, totpPendingColumn]) {
      expect(new Set(await keyIdsInColumn(db, column))).toEqual(new Set([after.current]));
      const rows = await db.kysely
        .selectFrom('users')
        .select(['id', 'totpSecret', 'totpPendingSecret'])
        .execute();
      for (const row of rows) {
        const value = column === totpSecretColumn ? row.totpSecret : row.totpPendingSecret;
        if (value === null) continue;
        const aad = secretAad({ ...column, id: row.id });
        const expected =
          column === totpSecretColumn
            ? plaintexts.get(row.id)
            : `pending-${plaintexts.get(row.id)}`;
        expect(decryptSecret(onlyNew, value, aad)).toBe(expected);
        expect(() => decryptSecret(onlyOld, value, aad)).toThrow();
        // The server that was running all along still reads it: rotation without downtime.
        expect(live.open(value, { ...column, id: row.id })).toBe(expected);
      }
    }
    // ...and now encrypts under the new key.
    const fresh = live.seal('after rotation', { table: 'users', column: 'totp_secret', id: 'x' });
    expect(fresh.split('.')[1]).toBe(after.current);
  });

  it('with the key in the environment: re-encrypts under KIANA_MASTER_KEY, the previous key no longer needed', async () => {
    const fileKeys = readKeyFile(dataDir) as KeyFile;
    const oldKey = fileKeys.keys.find((k) => k.id === fileKeys.current)?.key ?? '';
    const newKey = randomBytes(32).toString('base64');
    const env = {
      ...process.env,
      KIANA_DATA_DIR: dataDir,
      DATABASE_URL: url ?? '',
      KIANA_MASTER_KEY: newKey,
      KIANA_MASTER_KEY_PREVIOUS: oldKey,
      LOG_LEVEL: 'warn',
    };
    // The old key leaves the key file: from now on it only comes from the environment.
    fs.rmSync(path.join(dataDir, 'master.key'));
    const { stdout } = await run(process.execPath, ['bin/kiana.js', 'keys', 'rotate'], {
      cwd: serverDir,
      env,
    });
    expect(stdout).toMatch(/Done: 11 value\(s\) now under key/);
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);

    const onlyNew = keyringOf([{ key: newKey }], '', newKey);
    const onlyOld = keyringOf([{ key: oldKey }], '', oldKey);
    const rows = await db.kysely.selectFrom('users').select(['id', 'totpSecret']).execute();
    for (const row of rows) {
      if (row.totpSecret === null) continue;
      const aad = secretAad({ ...totpSecretColumn, id: row.id });
      expect(decryptSecret(onlyNew, row.totpSecret, aad)).toBe(plaintexts.get(row.id));
      expect(() => decryptSecret(onlyOld, row.totpSecret as string, aad)).toThrow();
    }
    // A second run finds nothing left to move.
    const again = await run(process.execPath, ['bin/kiana.js', 'keys', 'rotate'], {
      cwd: serverDir,
      env,
    });
    expect(again.stdout).toMatch(/Done: 0 value\(s\)/);
  });
});
