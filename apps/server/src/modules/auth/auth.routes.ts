import {
  loginRequestSchema,
  okSchema,
  securityPolicySchema,
  sessionStateSchema,
  setupRequestSchema,
} from '@kiana/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodApp } from '../../http/types';
import { auditContext, type UserPrincipal } from '../../http/principal';
import { ForbiddenError } from '../../errors';
import type { AuthService, NewSession } from './auth.service';
import type { UsersService } from './users.service';
import { clearSessionCookies, setSessionCookies } from './auth.cookies';

/** Small bodies only on the sign-in endpoints. */
const SMALL_BODY = 16 * 1024;
/** Per-address cap on the sign-in endpoints, on top of the per-username lockout. */
const signInLimit = { max: 100, timeWindow: 60_000 };

/** The signed-in user of a request, refusing API keys (they have no session or account). */
export function userPrincipal(request: FastifyRequest): UserPrincipal {
  const p = request.principal;
  if (p?.kind !== 'user')
    throw new ForbiddenError('Only a signed-in user can do this', 'user_required');
  return p;
}

/** Sign-in, sign-out, first-run setup and the installation's security policy. */
export function authRoutes(app: ZodApp, auth: AuthService, users: UsersService): void {
  const stateAfter = async (session: NewSession) =>
    auth.sessionState(await auth.resolveSession(session.token));

  app.get(
    '/auth/session',
    { config: { access: 'public' }, schema: { response: { 200: sessionStateSchema } } },
    async (request) =>
      auth.sessionState(request.principal?.kind === 'user' ? request.principal : undefined),
  );

  app.post(
    '/auth/setup',
    {
      config: { access: 'public', rateLimit: signInLimit },
      bodyLimit: SMALL_BODY,
      schema: { body: setupRequestSchema, response: { 200: sessionStateSchema } },
    },
    async (request, reply) => {
      const meta = auditContext(request);
      const user = await users.setup(request.body, meta);
      const session = await auth.openSession(user.id, meta);
      setSessionCookies(request, reply, session);
      return stateAfter(session);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: signInLimit, errors: [401] },
      bodyLimit: SMALL_BODY,
      schema: { body: loginRequestSchema, response: { 200: sessionStateSchema } },
    },
    async (request, reply) => {
      const session = await auth.login(request.body, auditContext(request));
      setSessionCookies(request, reply, session);
      return stateAfter(session);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'user' }, schema: { response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.logout(userPrincipal(request), auditContext(request));
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/policy',
    { config: { access: 'security.manage' }, schema: { response: { 200: securityPolicySchema } } },
    async () => ({ requireTotp: await auth.requireTotp() }),
  );

  app.put(
    '/auth/policy',
    {
      config: { access: 'security.manage' },
      schema: { body: securityPolicySchema, response: { 200: securityPolicySchema } },
    },
    async (request) => {
      await auth.setRequireTotp(request.body.requireTotp, auditContext(request));
      return { requireTotp: await auth.requireTotp() };
    },
  );
}
