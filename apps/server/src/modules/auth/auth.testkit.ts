import type { LoginRequest, Role } from '@kiana/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { KianaApp } from '../../app';
import type { AuthModule } from './auth.module';
import type { UserActor } from './users.service';

/** Test helpers: the auth module of a built app, and signed-in users for `app.inject()`. */
export function authOf(kiana: KianaApp): AuthModule {
  const found = kiana.modules.find((m) => m.name === 'auth');
  if (found === undefined) throw new Error('auth module missing');
  return found as AuthModule;
}

/** The headers a signed-in browser sends: the session cookie, the CSRF token and its origin. */
export interface SignedIn {
  userId: string;
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

export const TEST_ORIGIN = 'http://localhost:3000';

/** The installation itself acting on users (seeds, CLI, test set-up): it may touch owners. */
export const systemActor: UserActor = {
  actor: { type: 'system' },
  ip: null,
  userAgent: null,
  role: 'system',
};

/** One same-origin `POST /auth/login`, whatever its answer. */
export function loginAttempt(
  kiana: KianaApp,
  payload: LoginRequest,
  extra: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return kiana.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: TEST_ORIGIN, 'user-agent': 'vitest', ...extra },
    payload,
  });
}

/** Signs in through the API and returns the browser-like headers. */
export async function signIn(
  kiana: KianaApp,
  username: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await loginAttempt(kiana, { username, password }, extra);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'kiana_session');
  const csrf = res.cookies.find((c) => c.name === 'kiana_csrf');
  if (session === undefined || csrf === undefined) throw new Error('no session cookies');
  const body = res.json<{ user: { id: string } }>();
  const cookie = `kiana_session=${session.value}; kiana_csrf=${csrf.value}`;
  return {
    userId: body.user.id,
    cookie,
    csrfToken: csrf.value,
    headers: { cookie, 'x-csrf-token': csrf.value, origin: TEST_ORIGIN, 'user-agent': 'vitest' },
  };
}

/** Creates a user with a role (bypassing HTTP) and signs them in. */
export async function userWithRole(
  kiana: KianaApp,
  role: Role,
  password = 'correct horse battery',
): Promise<SignedIn> {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  await authOf(kiana).users.create({ username, password, role }, systemActor);
  return signIn(kiana, username, password);
}
