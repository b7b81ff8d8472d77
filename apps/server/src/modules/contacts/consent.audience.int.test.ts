import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import { call, makeContact, namesMatching } from './contacts.testkit';
import { createContactsService } from './contacts.service';

let kiana: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
}, 60_000);
afterAll(async () => {
  await kiana.close();
});

// A marketing audience: everyone who has not opted out (segments' consent condition).
const marketingAudience = {
  filter: {
    tree: {
      type: 'group',
      op: 'and',
      children: [{ type: 'consent', states: ['opted_in', 'unknown'] }],
    },
  },
};

describe(`consent and marketing audiences on ${testDialect}`, () => {
  it('drops an opted-out contact from a marketing audience and brings it back on a newer opt-in', async () => {
    const stays = await makeContact(kiana, admin, { phone: '+49 151 22345671', name: 'Stays' });
    const stops = await makeContact(kiana, admin, { phone: '+49 151 22345672', name: 'Stops' });
    expect(await namesMatching(kiana, admin, marketingAudience)).toEqual(['Stays', 'Stops']);

    const stop = await call(kiana, admin, 'POST', `/contacts/${stops.id}/consent`, {
      state: 'opted_out',
      note: 'asked us to stop on the phone',
    });
    expect(stop.status).toBe(200);
    expect(await namesMatching(kiana, admin, marketingAudience)).toEqual(['Stays']);

    // The recordConsent every source uses: a late, older opt-in is recorded but not applied.
    const contacts = createContactsService({ now: () => Date.now() });
    await kiana.ctx.db.kysely.transaction().execute(async (tx) => {
      await contacts.recordConsent(tx, {
        contactId: stops.id,
        optedOut: false,
        at: 1_000,
        source: 'import',
        importId: 'imp-1',
      });
    });
    expect(await namesMatching(kiana, admin, marketingAudience)).toEqual(['Stays']);
    const history = await call<{ events: { source: string; isApplied: boolean }[] }>(
      kiana,
      admin,
      'GET',
      `/contacts/${stops.id}/consent`,
    );
    expect(history.body.events.map((e) => [e.source, e.isApplied])).toEqual([
      ['admin', true],
      ['import', false],
    ]);
    expect(stays.id).not.toBe(stops.id);
  });
});
