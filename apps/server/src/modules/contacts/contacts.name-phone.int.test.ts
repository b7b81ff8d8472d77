import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactPage } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import {
  createIntakeHarness,
  inboundEnvelope,
  type IntakeHarness,
} from '../webhooks/webhooks.testkit';
import { importFile } from './imports/imports.testkit';
import { call, makeContact } from './contacts.testkit';

let kiana: TestApp;
let admin: SignedIn;
let h: IntakeHarness;
let seq = 0;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  h = await createIntakeHarness(kiana.ctx.db);
}, 60_000);
afterAll(async () => {
  await h.close();
  await kiana.close();
});

/** An inbound text from `waId` whose WhatsApp profile is named `profileName`. */
async function inbound(waId: string, profileName: string): Promise<void> {
  const res = await h.post(
    inboundEnvelope(
      {
        from: waId,
        id: `wamid.name-${Date.now()}-${(seq += 1)}`,
        timestamp: String(1_767_800_000 + seq),
        type: 'text',
        text: { body: 'hello' },
      },
      profileName,
    ),
  );
  expect(res.statusCode).toBe(200);
}

const contactsWithNumber = async (phone: string) =>
  await kiana.ctx.db.kysely
    .selectFrom('contacts')
    .select(['id', 'waId', 'name', 'profileName'])
    .where('phoneE164', '=', phone)
    .execute();

describe(`a contact's own name beside WhatsApp's profile name on ${testDialect}`, () => {
  it('an inbound message does not overwrite the name an admin gave; the list shows and searches both', async () => {
    const made = await makeContact(kiana, admin, { phone: '+351912340001', name: 'Ana Admin' });
    await inbound('351912340001', 'Ana no WhatsApp');
    const got = await call<ContactDetail>(kiana, admin, 'GET', `/contacts/${made.id}`);
    expect(got.body).toMatchObject({
      name: 'Ana Admin',
      givenName: 'Ana Admin',
      profileName: 'Ana no WhatsApp',
    });
    for (const q of ['Ana Admin', 'no WhatsApp']) {
      const page = await call<ContactPage>(kiana, admin, 'POST', '/contacts/query', {
        filter: { q },
      });
      expect(page.body.contacts.map((c) => c.id)).toEqual([made.id]);
    }
  });

  it('without a name of its own, a contact is shown by its WhatsApp profile name', async () => {
    await inbound('351912340002', 'Rui WhatsApp');
    const [row] = await contactsWithNumber('+351912340002');
    const got = await call<ContactDetail>(kiana, admin, 'GET', `/contacts/${row?.id ?? ''}`);
    expect(got.body).toMatchObject({ name: 'Rui WhatsApp', givenName: null });
  });

  it('an import names a contact without touching its WhatsApp profile name', async () => {
    await inbound('351912340003', 'Eva WhatsApp');
    const done = await importFile(
      kiana,
      admin,
      Buffer.from('phone,name\n+351912340003,Eva Imported\n'),
      { mapping: { number: 0, name: 1 }, policy: 'update' },
    );
    expect(done.summary).toMatchObject({ updated: 1, created: 0 });
    expect(await contactsWithNumber('+351912340003')).toMatchObject([
      { name: 'Eva Imported', profileName: 'Eva WhatsApp' },
    ]);
  });
});

describe(`one contact per number on ${testDialect}`, () => {
  it('an imported number that then writes to us stays one contact, keeping its name', async () => {
    const done = await importFile(
      kiana,
      admin,
      Buffer.from('phone,name\n+351912340010,Imported Ivo\n'),
      { mapping: { number: 0, name: 1 }, policy: 'update' },
    );
    expect(done.summary).toMatchObject({ created: 1 });
    await inbound('351912340010', 'Ivo WhatsApp');
    expect(await contactsWithNumber('+351912340010')).toMatchObject([
      { waId: '351912340010', name: 'Imported Ivo', profileName: 'Ivo WhatsApp' },
    ]);
  });

  it('two imports of the same new number, at once, make one contact', async () => {
    const file = Buffer.from('phone,name\n+351912340011,Twice\n');
    const options = { mapping: { number: 0, name: 1 }, policy: 'update' as const };
    const [a, b] = await Promise.all([
      importFile(kiana, admin, file, options),
      importFile(kiana, admin, file, options),
    ]);
    expect([a.status, b.status]).toEqual(['done', 'done']);
    expect(await contactsWithNumber('+351912340011')).toHaveLength(1);
  });

  it('the database itself refuses a second contact with a number, even from two transactions at once', async () => {
    const row = (phoneE164: string | null) => ({
      id: randomUUID(),
      phoneE164,
      isOptedOut: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    const db = kiana.ctx.db.kysely;
    const outcomes = await Promise.allSettled(
      [0, 1].map(() =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('contacts').values(row('+351912340012')).execute();
        }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await contactsWithNumber('+351912340012')).toHaveLength(1);
    // Contacts known only by their BSUID have no number: any number of them.
    await db
      .insertInto('contacts')
      .values([row(null), row(null)])
      .execute();
  });
});
