import type { Command } from 'commander';
import { configOrExit } from './env';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { rotateMasterKey } from '../crypto/rotate';
import { secretColumns } from '../crypto/secrets';

/** `kiana keys rotate`: a new master key, every registered secret re-encrypted, old keys retired. */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage the master key that encrypts secrets at rest');
  keys
    .command('rotate')
    .description('Re-encrypt every secret under a new master key; running servers keep working')
    .option('--keep-old', 'keep the old keys for decryption instead of retiring them')
    .option('--grace <ms>', 'how long running servers get to load the new key', '2500')
    .action(async (options: { keepOld?: boolean; grace: string }) => {
      const config = configOrExit();
      if (config.masterKey !== undefined) {
        process.stderr.write(
          'KIANA_MASTER_KEY is set, so the key lives in your environment, not in the key file.\n' +
            'Rotate it by unsetting KIANA_MASTER_KEY for one run of "kiana keys rotate" after copying it\n' +
            'into the key file, or keep using the generated key file (data directory, master.key).\n',
        );
        process.exit(2);
      }
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
