import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyScope, Role } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { authOf, userWithRole } from './auth.testkit';
import { isPermission, permissionsOfScopes, rolePermissions, roles } from './permissions';
import type { RouteEntry } from './auth.hook';

/**
 * The authorization matrix, generated: every route registered in the app (including
 * routes other modules add later) × every role, API-key scope, anonymous and a revoked
 * key must get exactly the allow or deny that the declared permissions imply.
 */
type Caller =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'revoked_key'; headers: Record<string, string> }
  | { name: string; kind: 'user'; role: Role; headers: Record<string, string> }
  | { name: string; kind: 'api_key'; scopes: ApiKeyScope[]; headers: Record<string, string> };

function expectedAllowed(caller: Caller, access: string): boolean {
  if (access === 'public') return true;
  if (caller.kind === 'anonymous' || caller.kind === 'revoked_key') return false;
  if (access === 'authenticated') return true;
  if (access === 'user') return caller.kind === 'user';
  if (!isPermission(access)) throw new Error(`unknown access ${access}`);
  return caller.kind === 'user'
    ? rolePermissions[caller.role].includes(access)
    : permissionsOfScopes(caller.scopes).includes(access);
}

/** A denial by the access gate, as opposed to the handler's own answer. */
function deniedByGate(status: number, code: string | undefined): boolean {
  if (status === 401) return code === 'unauthorized' || code === 'invalid_api_key';
  if (status === 403) return code === 'permission_denied' || code === 'user_required';
  return false;
}

const concrete = (url: string): string =>
  url.replace(/:[A-Za-z0-9_]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'x');

describe('authorization matrix', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const callers: Caller[] = [{ name: 'anonymous', kind: 'anonymous' }];

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    await t.app.ready();
    const auth = authOf(t);
    for (const role of roles) {
      const s = await userWithRole(t, role);
      callers.push({ name: role, kind: 'user', role, headers: s.headers });
    }
    const by = { actor: { type: 'system' as const }, ip: null, userAgent: null };
    for (const scopes of [
      ['read'],
      ['send'],
      ['manage'],
      ['read', 'send', 'manage'],
    ] as ApiKeyScope[][]) {
      const { secret } = await auth.apiKeys.create({ name: scopes.join('+'), scopes }, by);
      callers.push({
        name: `key:${scopes.join('+')}`,
        kind: 'api_key',
        scopes,
        headers: { authorization: `Bearer ${secret}` },
      });
    }
    const revoked = await auth.apiKeys.create(
      { name: 'revoked', scopes: ['read', 'send', 'manage'] },
      by,
    );
    await auth.apiKeys.revoke(revoked.apiKey.id, by);
    callers.push({
      name: 'revoked key',
      kind: 'revoked_key',
      headers: { authorization: `Bearer ${revoked.secret}` },
    });
    // Signing out ends the caller's session, so those routes go last.
    routes = auth.routeTable
      .filter((r) => r.url.startsWith('/api/'))
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
  });
  afterAll(async () => {
    await t.close();
  });

  it('covers the API, and every API route declares a known access', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.some((r) => r.url === '/api/v1/auth/login')).toBe(true);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('gives every caller exactly the declared allow or deny on every route', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const caller of callers) {
      for (const route of routes) {
        const access = route.access ?? '';
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 1000);
        const res = await t.app
          .inject({
            method: route.method as 'GET',
            url: concrete(route.url),
            headers: caller.kind === 'anonymous' ? {} : caller.headers,
            signal: controller.signal,
            ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
          })
          .catch(() => undefined)
          .finally(() => clearTimeout(timer));
        let allowed: boolean;
        if (res === undefined) {
          // Still streaming (an event stream): the gate, which answers at once, let it through.
          allowed = true;
        } else {
          const isJson =
            String(res.headers['content-type'] ?? '').includes('json') && res.body !== '';
          const code = isJson ? (JSON.parse(res.body) as { code?: string }).code : undefined;
          // A HEAD answer has no body to read the code from; its status alone must say it.
          allowed =
            route.method === 'HEAD'
              ? res.statusCode !== 401 && res.statusCode !== 403
              : !deniedByGate(res.statusCode, code);
        }
        const expected = expectedAllowed(caller, access);
        checked++;
        if (allowed !== expected) {
          mismatches.push(
            `${caller.name} ${route.method} ${route.url} [${access}]: got ${res?.statusCode ?? 'a stream'}, expected ${expected ? 'allow' : 'deny'}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(callers.length * routes.length);
  }, 120_000);
});
