import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState, User } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from './auth.testkit';

let kiana: TestApp;
let agent: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp();
  agent = await userWithRole(kiana, 'agent');
});
afterAll(async () => {
  await kiana.close();
});

const put = (payload: Record<string, unknown>) =>
  kiana.app.inject({
    method: 'PUT',
    url: '/api/v1/account/preferences',
    headers: agent.headers,
    payload,
  });

describe('a user’s language, time zone and calendar', () => {
  it('start unset, so the browser decides', async () => {
    const res = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: agent.headers,
    });
    expect(res.json<SessionState>()).toMatchObject({
      authenticated: true,
      user: { language: null, timeZone: null, calendar: null },
    });
  });

  it('are stored on the user, returned by the session, and audited', async () => {
    const res = await put({ language: 'fa', timeZone: 'Asia/Tehran', calendar: 'persian' });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>()).toMatchObject({
      language: 'fa',
      timeZone: 'Asia/Tehran',
      calendar: 'persian',
    });
    const session = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: agent.headers,
    });
    expect(session.json<SessionState>()).toMatchObject({
      user: { language: 'fa', timeZone: 'Asia/Tehran', calendar: 'persian' },
    });
    const audit = await kiana.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=account.preferences',
      headers: (await userWithRole(kiana, 'owner')).headers,
    });
    expect(audit.json<{ entries: { details: unknown }[] }>().entries[0]?.details).toMatchObject({
      language: 'fa',
    });
    expect(
      (await put({ language: null, timeZone: null, calendar: null })).json<User>(),
    ).toMatchObject({ language: null, timeZone: null, calendar: null });
  });

  it('refuse a language the panel does not have and an unknown time zone', async () => {
    const language = await put({ language: 'de', timeZone: null, calendar: null });
    expect(language.statusCode).toBe(400);
    expect(language.json()).toMatchObject({ code: 'validation_failed' });
    const zone = await put({ language: 'es', timeZone: 'Mars/Olympus_Mons', calendar: null });
    expect(zone.statusCode).toBe(400);
    const calendar = await put({ language: 'es', timeZone: null, calendar: 'julian' });
    expect(calendar.statusCode).toBe(400);
  });

  it('need a signed-in user', async () => {
    const res = await kiana.app.inject({
      method: 'PUT',
      url: '/api/v1/account/preferences',
      payload: { language: 'es', timeZone: null, calendar: null },
    });
    expect(res.statusCode).toBe(401);
  });
});
