import { randomBytes } from 'node:crypto';
import type { SeedStep } from '../../seed/seeder';
import type { UsersService } from './users.service';
import { findUserByUsername } from './users.repo';
import type { Executor } from '../../db/executor';
import { systemActor } from '../audit/audit.service';
import type { Logger } from '../../logger';

/**
 * Demo mode's owner `admin`: the password from KIANA_ADMIN_PASSWORD, or a random one
 * printed once to stdout (never to the log). The seed runs once per database, so the
 * password is shown only on the first start.
 */
export function demoAdminSeed(deps: {
  db: Executor;
  users: UsersService;
  logger: Logger;
  adminPassword: string | undefined;
  print?: (text: string) => void;
}): SeedStep {
  return {
    key: 'auth.demo-admin',
    async apply() {
      if ((await findUserByUsername(deps.db, 'admin')) !== undefined) return;
      const generated = deps.adminPassword === undefined || deps.adminPassword === '';
      const password = generated
        ? randomBytes(12).toString('base64url')
        : (deps.adminPassword ?? '');
      await deps.users.create(
        { username: 'admin', displayName: 'Demo admin', password, role: 'owner' },
        { actor: systemActor('demo seed'), ip: null, userAgent: null, role: 'system' },
        // The operator chose this password explicitly; the policy guards what people type in the UI.
        { skipPolicy: true },
      );
      const print = deps.print ?? ((text: string) => process.stdout.write(text));
      print(
        generated
          ? `\n  Demo sign-in: username "admin", password "${password}"\n  (shown once; set KIANA_ADMIN_PASSWORD to choose it)\n\n`
          : `\n  Demo sign-in: username "admin" with the password in KIANA_ADMIN_PASSWORD\n\n`,
      );
      deps.logger.info('demo owner "admin" created');
    },
  };
}
