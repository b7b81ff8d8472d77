import { Command } from 'commander';
import { registerStartCommand } from './start.command';
import { registerMigrateCommand } from './migrate.command';
import { registerUserCommand } from './user.command';
import { registerKeysCommand } from './keys.command';
import { registerPurgeCommand } from './purge.command';
import { registerBackupCommand } from './backup.command';

/** The `kiana` command line; each command lives in its own file under cli/. */
export function buildCli(): Command {
  const program = new Command('kiana')
    .description('Kiana WhatsApp Panel: a self-hosted console for the WhatsApp Business Cloud API')
    .version('0.1.0')
    .showHelpAfterError();
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerUserCommand(program);
  registerKeysCommand(program);
  registerPurgeCommand(program);
  registerBackupCommand(program);
  return program;
}

/** Runs the CLI; configuration problems print every bad key and exit 2. */
export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
