import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createSecrets, type Secrets } from '../../crypto/secrets';
import { registerSecurity } from '../../http/security';
import type { AuditService } from '../audit/audit.service';
import './auth.secrets';
import type { AuthDeps } from './auth.deps';
import { createAuthService, type AuthService } from './auth.service';
import { createUsersService, type UsersService } from './users.service';
import { createAccountService, type AccountService } from './account.service';
import { createApiKeysService, type ApiKeysService } from './api-keys.service';
import { installAuthHook, type RouteEntry } from './auth.hook';
import { authRoutes } from './auth.routes';
import { usersRoutes } from './users.routes';
import { accountRoutes } from './account.routes';
import { apiKeysRoutes } from './api-keys.routes';
import { demoAdminSeed } from './auth.seeds';

/** The auth module and the services it offers other modules. */
export interface AuthModule extends Module {
  /** Registers HTTP hardening and the access hook on the root instance, before any route. */
  install(app: FastifyInstance): Promise<void>;
  auth: AuthService;
  users: UsersService;
  account: AccountService;
  apiKeys: ApiKeysService;
  /** Encryption for secret columns; register them with `registerSecretColumn`. */
  secrets: Secrets;
  /** Every route of the app with its declared access, collected as routes register. */
  routeTable: RouteEntry[];
}

/** Builds the auth module from the platform context and the audit service. */
export function authModule(ctx: AppContext, services: { audit: AuditService }): AuthModule {
  const deps: AuthDeps = {
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    secrets: createSecrets(ctx.keyring),
    audit: services.audit,
    settings: ctx.settings,
  };
  const auth = createAuthService(deps);
  const users = createUsersService(deps);
  const account = createAccountService(deps);
  const apiKeys = createApiKeysService(deps);
  const routeTable: RouteEntry[] = [];
  return {
    name: 'auth',
    auth,
    users,
    account,
    apiKeys,
    secrets: deps.secrets,
    routeTable,
    async install(app) {
      await registerSecurity(app);
      installAuthHook(app, {
        auth,
        apiKeys,
        audit: services.audit,
        db: ctx.db.kysely,
        publicUrl: ctx.config.publicUrl,
        routeTable,
      });
    },
    routes(app) {
      authRoutes(app, auth, users);
      usersRoutes(app, users);
      accountRoutes(app, account);
      apiKeysRoutes(app, apiKeys);
    },
    seeds: ctx.config.demo
      ? [
          demoAdminSeed({
            db: ctx.db.kysely,
            users,
            logger: ctx.logger,
            adminPassword: ctx.config.adminPassword,
          }),
        ]
      : [],
  };
}
