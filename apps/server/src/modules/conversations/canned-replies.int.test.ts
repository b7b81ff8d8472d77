import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedReply } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

// Canned replies: admins manage them (audited), agents read them, shortcuts are unique.

let t: TestApp;
let admin: SignedIn;
let agent: SignedIn;

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'warn' });
  admin = await userWithRole(t, 'admin');
  agent = await userWithRole(t, 'agent');
}, 60_000);
afterAll(async () => {
  await t.close();
});

const call = (
  who: SignedIn,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe(`canned replies on ${testDialect}`, () => {
  it('lets an admin add, change and delete canned replies, each audited, and an agent read them', async () => {
    const created = await call(admin, 'POST', '/canned-replies', {
      shortcut: 'thanks',
      text: 'Thank you, {{contact.first_name}}!',
    });
    expect(created.statusCode, created.body).toBe(201);
    const thanks = created.json<CannedReply>();
    expect(thanks).toMatchObject({
      shortcut: 'thanks',
      text: 'Thank you, {{contact.first_name}}!',
    });
    await call(admin, 'POST', '/canned-replies', { shortcut: 'hours', text: 'We open at 9.' });

    const listed = await call(agent, 'GET', '/canned-replies');
    expect(listed.statusCode).toBe(200);
    expect(
      listed.json<{ cannedReplies: CannedReply[] }>().cannedReplies.map((c) => c.shortcut),
    ).toEqual(['hours', 'thanks']);

    const taken = await call(admin, 'PUT', `/canned-replies/${thanks.id}`, {
      shortcut: 'hours',
      text: 'x',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ code: string }>().code).toBe('shortcut_taken');
    const changed = await call(admin, 'PUT', `/canned-replies/${thanks.id}`, {
      shortcut: 'ty',
      text: 'Thanks, {{contact.name}}.',
    });
    expect(changed.json<CannedReply>()).toMatchObject({
      shortcut: 'ty',
      text: 'Thanks, {{contact.name}}.',
    });

    expect((await call(admin, 'DELETE', `/canned-replies/${thanks.id}`)).statusCode).toBe(200);
    expect((await call(admin, 'DELETE', `/canned-replies/${thanks.id}`)).statusCode).toBe(404);
    const audit = await t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', thanks.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'canned_reply.create',
      'canned_reply.update',
      'canned_reply.delete',
    ]);
  });

  it('refuses an agent changing canned replies, and a shortcut with spaces or a duplicate', async () => {
    const denied = await call(agent, 'POST', '/canned-replies', { shortcut: 'mine', text: 'Hi' });
    expect(denied.statusCode).toBe(403);
    const spaced = await call(admin, 'POST', '/canned-replies', {
      shortcut: 'two words',
      text: 'Hi',
    });
    expect(spaced.statusCode).toBe(400);
    const again = await call(admin, 'POST', '/canned-replies', { shortcut: 'hours', text: 'Hi' });
    expect(again.statusCode).toBe(409);
  });
});
