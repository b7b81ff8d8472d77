import type { Command } from 'commander';
import { roleSchema, type Role } from '@kiana/contracts';
import { configOrExit } from './env';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createLogger } from '../logger';
import { systemClock } from '../platform/clock';
import { loadKeyring } from '../crypto/keyring';
import { createSecrets } from '../crypto/secrets';
import { createAuditService, systemActor } from '../modules/audit/audit.service';
import { createUsersService } from '../modules/auth/users.service';
import { createSettingsStore } from '../platform/settings/settings';
import { EventBus } from '../events/bus';
import { AppError } from '../errors';

/** Reads the password: the first line of stdin, or a prompt that does not echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
  }
  if (!process.stdin.isTTY) {
    throw new Error('No terminal to ask for the password: pass --password-stdin and pipe it in.');
  }
  return new Promise((resolve) => {
    process.stdout.write('Password: ');
    let value = '';
    process.stdin.setRawMode(true);
    process.stdin.resume();
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    process.stdin.on('data', onData);
  });
}

/** `kiana user create`: the first owner (or any user) from the command line. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage panel users');
  user
    .command('create')
    .description('Create a user; for automation pipe the password in with --password-stdin')
    .requiredOption('-u, --username <name>', 'sign-in name')
    .option('-r, --role <role>', 'owner, admin, agent or viewer', 'owner')
    .option('-n, --display-name <name>', 'name shown in the panel')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(
      async (options: {
        username: string;
        role: string;
        displayName?: string;
        passwordStdin?: boolean;
      }) => {
        const role = roleSchema.safeParse(options.role);
        if (!role.success) {
          process.stderr.write(
            `Unknown role "${options.role}": use owner, admin, agent or viewer.\n`,
          );
          process.exit(2);
        }
        const config = configOrExit();
        const password = await readPassword(options.passwordStdin === true);
        const db = openDatabase(config.database);
        try {
          await migrateToLatest(db);
          const logger = createLogger('warn');
          const audit = createAuditService({ db: db.kysely, clock: systemClock });
          const secrets = createSecrets(
            loadKeyring(config.dataDir, config.masterKey, config.previousMasterKeys),
          );
          const settings = createSettingsStore({
            db: db.kysely,
            bus: new EventBus(),
            clock: systemClock,
            secrets,
          });
          const users = createUsersService({
            db,
            clock: systemClock,
            logger,
            secrets,
            audit,
            settings,
          });
          const created = await users.create(
            {
              username: options.username,
              displayName: options.displayName,
              password,
              role: role.data as Role,
            },
            {
              actor: systemActor('kiana user create'),
              ip: null,
              userAgent: null,
              role: 'system',
            },
          );
          process.stdout.write(`Created ${created.role} "${created.username}".\n`);
        } catch (error) {
          if (error instanceof AppError) {
            process.stderr.write(`${error.message}\n`);
            process.exitCode = 1;
            return;
          }
          throw error;
        } finally {
          await db.close();
        }
      },
    );
}
