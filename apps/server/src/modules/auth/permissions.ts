import {
  permissions as allPermissions,
  roles,
  type ApiKeyScope,
  type Permission,
  type Role,
} from '@kiana/contracts';
import type { RouteAccess } from '../../http/types';

export { allPermissions, roles };
export type { ApiKeyScope, Permission, Role };

const readOnly: Permission[] = [
  'templates.read',
  'contacts.read',
  'campaigns.read',
  'conversations.read',
  'logs.read',
  'analytics.read',
];

/**
 * The permission matrix: who may do what. Routes name one of these permissions in
 * `config.access`; the README's "Roles and permissions" section documents this table.
 * - owner: everything, including the installation-wide security policy.
 * - admin: everything except the security policy; cannot touch owners (a service rule).
 * - agent: works the inbox and runs campaigns, but cannot approve them, change
 *   credentials, see the security log or execute deletions.
 * - viewer: reads.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  owner: allPermissions,
  admin: allPermissions.filter((p) => p !== 'security.manage'),
  agent: [
    ...readOnly,
    'contacts.manage',
    'campaigns.write',
    'campaigns.launch',
    'conversations.reply',
  ],
  viewer: readOnly,
};

/**
 * What an API key's scopes grant. Keys serve integrations: they never manage users,
 * credentials, settings, API keys or the audit log, and never approve campaigns or execute
 * deletions — those stay with people who signed in (and may have 2FA).
 */
export const scopePermissions: Record<ApiKeyScope, readonly Permission[]> = {
  read: readOnly,
  send: ['conversations.reply', 'campaigns.write', 'campaigns.launch'],
  manage: ['templates.manage', 'contacts.manage'],
};

/** True when the string names a permission of the matrix. */
export function isPermission(value: string): value is Permission {
  return (allPermissions as readonly string[]).includes(value);
}

/** The permissions of a role. */
export function permissionsOfRole(role: Role): Permission[] {
  return [...rolePermissions[role]];
}

/** The permissions an API key with these scopes holds. */
export function permissionsOfScopes(scopes: readonly ApiKeyScope[]): Permission[] {
  return [...new Set(scopes.flatMap((s) => scopePermissions[s]))];
}

/**
 * Route access values besides permissions: `public` (anyone), `authenticated` (any
 * signed-in user or API key) and `user` (a signed-in person only: their own account,
 * sign-out — an API key has no account).
 */
export const accessLevels = ['public', 'authenticated', 'user'] as const;

/** Validates a route's declared access at start-up, so a typo cannot make a route public. */
export function assertValidAccess(access: RouteAccess, where: string): void {
  if ((accessLevels as readonly string[]).includes(access) || isPermission(access)) return;
  throw new Error(`${where} declares unknown access "${access}"`);
}
