import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope, Permission, Role } from '@kiana/contracts';
import type { AuditActor } from '../modules/audit/audit.service';
import { clientAddress } from './client-address';

/** A signed-in person, through a session cookie. */
export interface UserPrincipal {
  kind: 'user';
  id: string;
  username: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /** The session row id (a hash of the cookie value, never the cookie itself). */
  sessionId: string;
  csrfToken: string;
  /** When the session ends if unused: the earlier of its absolute and its idle deadline (epoch ms). */
  sessionExpiresAt: number;
  /** The owner requires 2FA and this user has not enrolled: only `authenticated` routes work. */
  mustEnrolTotp: boolean;
}

/** An integration, through `Authorization: Bearer <key>`. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  id: string;
  name: string;
  scopes: readonly ApiKeyScope[];
  permissions: ReadonlySet<Permission>;
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook before any handler runs, undefined when anonymous. */
    principal: Principal | undefined;
  }
}

/** The audit actor of a principal. */
export function actorOf(principal: Principal | undefined): AuditActor {
  if (principal === undefined) return { type: 'anonymous' };
  if (principal.kind === 'user')
    return { type: 'user', id: principal.id, name: principal.username };
  return { type: 'api_key', id: principal.id, name: principal.name };
}

/** Actor, IP and user agent of a request: spread into `audit.record({...})`. */
export function auditContext(request: FastifyRequest): {
  actor: AuditActor;
  ip: string;
  userAgent: string | null;
} {
  return {
    actor: actorOf(request.principal),
    ip: clientAddress(request),
    userAgent: request.headers['user-agent'] ?? null,
  };
}

/** The signed-in principal of a route that is not public; throws if the hook did not run. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new Error('No principal on an authenticated route');
  return request.principal;
}
