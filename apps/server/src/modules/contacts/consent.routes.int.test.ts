import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentHistorySchema } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

let kiana: TestApp;
let admin: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  viewer = await userWithRole(kiana, 'viewer');
});
afterAll(async () => {
  await kiana.close();
});

async function newContact(waId: string): Promise<string> {
  const row = await kiana.ctx.db.kysely
    .insertInto('contacts')
    .values({
      id: `c-${waId}`,
      waId,
      phoneE164: `+${waId}`,
      profileName: 'Ana',
      isOptedOut: 0,
      createdAt: 1,
      updatedAt: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`consent API on ${testDialect}`, () => {
  it('lets an admin set consent with a note, audited with the acting user, and lists the ledger newest first', async () => {
    const id = await newContact('447700900123');
    const empty = await kiana.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${id}/consent`,
      headers: viewer.headers,
    });
    expect(empty.statusCode).toBe(200);
    expect(consentHistorySchema.parse(empty.json())).toMatchObject({
      state: 'unknown',
      events: [],
    });

    for (const state of ['opted_in', 'opted_out'] as const) {
      const res = await kiana.app.inject({
        method: 'POST',
        url: `/api/v1/contacts/${id}/consent`,
        headers: admin.headers,
        payload: { state, note: `told us by email: ${state}` },
      });
      expect(res.statusCode).toBe(200);
      // Two changes in the same millisecond must still be ordered.
      await new Promise((r) => setTimeout(r, 5));
    }
    const history = consentHistorySchema.parse(
      (
        await kiana.app.inject({
          method: 'GET',
          url: `/api/v1/contacts/${id}/consent`,
          headers: admin.headers,
        })
      ).json(),
    );
    expect(history.state).toBe('opted_out');
    expect(history.events.map((e) => [e.state, e.source, e.userId, e.note])).toEqual([
      ['opted_out', 'admin', admin.userId, 'told us by email: opted_out'],
      ['opted_in', 'admin', admin.userId, 'told us by email: opted_in'],
    ]);
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['actorId', 'details'])
      .where('action', '=', 'contacts.consent.set')
      .where('targetId', '=', id)
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actorId === admin.userId)).toBe(true);
  });

  it('refuses a viewer, a missing note and an unknown contact', async () => {
    const id = await newContact('447700900124');
    const post = (headers: Record<string, string>, payload: object, target = id) =>
      kiana.app.inject({
        method: 'POST',
        url: `/api/v1/contacts/${target}/consent`,
        headers,
        payload,
      });
    expect((await post(viewer.headers, { state: 'opted_out', note: 'asked' })).statusCode).toBe(
      403,
    );
    expect((await post(admin.headers, { state: 'opted_out' })).statusCode).toBe(400);
    expect(
      (await post(admin.headers, { state: 'opted_out', note: 'asked' }, 'nope')).statusCode,
    ).toBe(404);
  });
});
