import type { Command } from 'commander';
import { configOrExit } from './env';
import { buildApp } from '../app';
import { createLogger } from '../logger';
import { systemActor } from '../modules/audit/audit.service';
import type { PrivacyModule } from '../modules/privacy/privacy.module';

/**
 * `kiana purge [--dry-run]`: the retention purge the daily job runs, on demand. The app is
 * built (not started) so every module has registered its tables in the data registry.
 */
export function registerPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description('Delete data older than its retention period (Privacy → Retention)')
    .option('--dry-run', 'count what would be deleted, change nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const config = configOrExit();
      const kiana = await buildApp({ config, logger: createLogger('warn'), serveWeb: false });
      try {
        const privacy = kiana.modules.find((m) => m.name === 'privacy') as
          PrivacyModule | undefined;
        if (privacy === undefined) throw new Error('The privacy module is not installed');
        const dryRun = options.dryRun === true;
        const run = await privacy.retention.run({
          dryRun,
          trigger: 'cli',
          actor: systemActor('kiana purge'),
        });
        const lines = Object.entries(run.counts).map(([table, n]) => `  ${table}: ${n}\n`);
        process.stdout.write(
          `${dryRun ? 'Dry run: would delete' : 'Deleted'} ${run.rows} row(s) and ${run.files} file(s)${lines.length > 0 ? ':' : '.'}\n${lines.join('')}`,
        );
        if (run.status === 'failed') {
          process.stderr.write(`Purge failed: ${run.error ?? 'unknown error'}\n`);
          process.exitCode = 1;
        }
      } finally {
        await kiana.close();
      }
    });
}
