import type { Command } from 'commander';
import { configOrExit } from './env';
import { backupSqlite } from '../db/backup';

/** `kiana backup <file>`: an online copy of the SQLite database (PostgreSQL: use pg_dump). */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Copy the SQLite database to <file> while the panel runs (online backup API)')
    .argument('<file>', 'the backup file to create (must not exist)')
    .action(async (file: string) => {
      const config = configOrExit();
      if (config.database.dialect !== 'sqlite' || config.database.file === ':memory:') {
        process.stderr.write(
          'kiana backup copies an SQLite database. For PostgreSQL use pg_dump (docs/OPERATIONS.md).\n',
        );
        process.exitCode = 2;
        return;
      }
      const { bytes } = await backupSqlite(config.database.file, file);
      process.stdout.write(
        `Backed up ${config.database.file} to ${file} (${bytes} bytes). Back up the master key and the media files separately.\n`,
      );
    });
}
