import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { CSRF_COOKIE, csrfTokenMatches, isSafeMethod, isSameOrigin } from '../../http/csrf';
import { auditContext, type Principal } from '../../http/principal';
import type { AuditService } from '../audit/audit.service';
import type { Executor } from '../../db/executor';
import type { ApiKeysService } from './api-keys.service';
import type { AuthService } from './auth.service';
import { assertValidAccess } from './permissions';
import { clientAddress } from '../../http/client-address';

/** The HttpOnly cookie holding the opaque session id. */
export const SESSION_COOKIE = 'kiana_session';

/** One registered route and who may call it; the authorization matrix test walks these. */
export interface RouteEntry {
  method: string;
  url: string;
  access: string | undefined;
}

interface HookDeps {
  auth: AuthService;
  apiKeys: ApiKeysService;
  audit: AuditService;
  /** Where a refusal is recorded. */
  db: Executor;
  publicUrl: string | undefined;
  /** Filled with every route as it is registered. */
  routeTable: RouteEntry[];
}

async function resolvePrincipal(
  request: FastifyRequest,
  deps: HookDeps,
): Promise<{ principal: Principal | undefined; badKey: boolean }> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined && /^bearer /i.test(authorization)) {
    const principal = await deps.apiKeys.authenticate(authorization.slice(7).trim(), {
      ip: clientAddress(request),
      userAgent: request.headers['user-agent'] ?? null,
    });
    return { principal, badKey: principal === undefined };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined || token === '') return { principal: undefined, badKey: false };
  return { principal: await deps.auth.resolveSession(token), badKey: false };
}

/**
 * The one hook that decides every request: it resolves the caller (API key or session
 * cookie) into `request.principal`, applies the CSRF checks to cookie-authenticated and
 * public state-changing API calls, and enforces the route's declared `config.access`.
 */
export function installAuthHook(app: FastifyInstance, deps: HookDeps): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access !== undefined)
      assertValidAccess(access, `Route ${String(route.method)} ${route.url}`);
    for (const method of [route.method].flat())
      deps.routeTable.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request) => {
    const { principal, badKey } = await resolvePrincipal(request, deps);
    request.principal = principal;
    const access = request.routeOptions.config?.access;
    // Routes without a declared access are outside /api (static files, webhooks with
    // their own signature check); app.ts refuses an /api route that declares none.
    if (access === undefined) return;

    const changesState = !isSafeMethod(request.method);
    const byCookie = principal?.kind === 'user';
    if (
      changesState &&
      (byCookie || access === 'public') &&
      !isSameOrigin(request, deps.publicUrl)
    ) {
      throw new ForbiddenError('Cross-origin request refused', 'csrf_failed');
    }
    if (access === 'public') return;
    if (principal === undefined) {
      throw badKey
        ? new UnauthorizedError('The API key is not valid, revoked or expired', 'invalid_api_key')
        : new UnauthorizedError();
    }
    if (
      principal.kind === 'user' &&
      changesState &&
      !csrfTokenMatches(request, principal.csrfToken)
    ) {
      throw new ForbiddenError(
        `Missing or wrong CSRF token (send the ${CSRF_COOKIE} cookie's value as x-csrf-token)`,
        'csrf_failed',
      );
    }
    if (access === 'authenticated') return;
    if (access === 'user') {
      if (principal.kind !== 'user')
        throw new ForbiddenError('Only a signed-in user can do this', 'user_required');
      return;
    }
    if (principal.kind === 'user' && principal.mustEnrolTotp) {
      throw new ForbiddenError('Set up two-factor authentication first', 'totp_enrolment_required');
    }
    if (!(principal.permissions as ReadonlySet<string>).has(access)) {
      // A refusal changes nothing, so its record stands alone.
      await deps.audit.record(deps.db, {
        ...auditContext(request),
        action: 'access.denied',
        outcome: 'denied',
        details: {
          method: request.method,
          route: request.routeOptions.url ?? '',
          permission: access,
        },
      });
      throw new ForbiddenError('You do not have permission to do this', 'permission_denied');
    }
  });
}
