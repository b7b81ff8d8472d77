import type { Command } from 'commander';
import { configOrExit } from './env';
import { openDatabase } from '../db/database';
import { migrateToLatest, migrationStatus } from '../db/migrate';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (start-up does this too)')
    .option('--status', 'list migrations and whether each is applied, change nothing')
    .action(async (options: { status?: boolean }) => {
      const config = configOrExit();
      const db = openDatabase(config.database);
      try {
        if (options.status === true) {
          for (const m of await migrationStatus(db)) {
            process.stdout.write(
              `${m.executedAt === undefined ? 'pending ' : 'applied '} ${m.name}\n`,
            );
          }
          return;
        }
        const applied = await migrateToLatest(db);
        process.stdout.write(
          applied.length === 0
            ? 'Database is up to date.\n'
            : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`,
        );
      } finally {
        await db.close();
      }
    });
}
