import type { Command } from 'commander';
import { configOrExit } from './env';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { reencryptAll, rotateMasterKey } from '../crypto/rotate';
import { readKeyring } from '../crypto/keyring';
import { secretColumns } from '../crypto/secrets';

/** `kiana keys rotate`: a new master key, every registered secret re-encrypted, old keys retired. */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage the master key that encrypts secrets at rest');
  keys
    .command('rotate')
    .description(
      'Re-encrypt every secret under a new master key; running servers keep working. With the key ' +
        'in the environment: set the new key in KIANA_MASTER_KEY and the old one in ' +
        'KIANA_MASTER_KEY_PREVIOUS, restart, then run this to move every value under the new key',
    )
    .option('--keep-old', 'keep the old keys for decryption instead of retiring them')
    .option('--grace <ms>', 'how long running servers get to load the new key', '2500')
    .action(async (options: { keepOld?: boolean; grace: string }) => {
      const config = configOrExit();
      // Every module registers its secret columns when imported; the app imports them all.
      await import('../app');
      const db = openDatabase(config.database);
      try {
        await migrateToLatest(db);
        process.stdout.write(
          `Secret columns: ${secretColumns()
            .map((c) => `${c.table}.${c.column}`)
            .join(', ')}\n`,
        );
        if (config.masterKey !== undefined) {
          // The key lives in the environment: the operator has already made the new key
          // current (KIANA_MASTER_KEY) and listed the old one in KIANA_MASTER_KEY_PREVIOUS;
          // what is left is to move every value under the new key.
          const keyring = readKeyring(
            config.dataDir,
            config.masterKey,
            false,
            config.previousMasterKeys,
          );
          const count = await reencryptAll(db, keyring, secretColumns(), (message) =>
            process.stdout.write(`${message}\n`),
          );
          process.stdout.write(
            `Done: ${count} value(s) now under key ${keyring.current.id}. ` +
              'Remove KIANA_MASTER_KEY_PREVIOUS from the environment and restart.\n',
          );
          return;
        }
        const result = await rotateMasterKey({
          db,
          dataDir: config.dataDir,
          graceMs: Number(options.grace),
          keepOldKeys: options.keepOld === true,
          onProgress: (message) => process.stdout.write(`${message}\n`),
        });
        process.stdout.write(
          `Done: ${result.reencrypted} value(s) now under key ${result.newKeyId}; ` +
            `${result.retiredKeyIds.length} old key(s) retired.\n`,
        );
      } finally {
        await db.close();
      }
    });
}
