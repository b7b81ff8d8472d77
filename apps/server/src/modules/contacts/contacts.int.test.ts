import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactPage } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { PrivacyModule } from '../privacy/privacy.module';
import { insertPersonData, makePerson, scanDatabase } from '../privacy/privacy.testkit';
import { listSchemaTables } from '../privacy/registry.repo';
import { defaultCountrySetting } from './contacts.settings';
import {
  call,
  declareTestAttributes,
  makeContact,
  makeTag,
  namesMatching,
} from './contacts.testkit';

let kiana: TestApp;
let admin: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  viewer = await userWithRole(kiana, 'viewer');
  await declareTestAttributes(kiana);
  await kiana.ctx.settings.set(kiana.ctx.db.kysely, defaultCountrySetting, 'DE');
}, 60_000);
afterAll(async () => {
  await kiana.close();
});

type Problem = { code: string; message: string; details: { field: string; existingId?: string } };

describe('contact create and edit', () => {
  let id = '';

  it('creates a contact from a national number in the default country, with attributes and tags', async () => {
    const vip = await makeTag(kiana, admin, 'VIP');
    const c = await makeContact(kiana, admin, {
      phone: '0151 1234 5601',
      name: 'Greta',
      language: 'de',
      attributes: { city: 'Köln', score: 4, joined: '2024-02-29', member: true },
      tagIds: [vip.id],
    });
    id = c.id;
    expect(c).toMatchObject({
      phoneE164: '+4915112345601',
      waId: '4915112345601',
      country: 'DE',
      name: 'Greta',
      language: 'de',
      marketingConsent: 'unknown',
      attributes: { city: 'Köln', score: 4, joined: '2024-02-29', member: true },
      tags: [{ id: vip.id, name: 'VIP' }],
      messageCount: 0,
      campaigns: [],
    });
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('targetId', '=', id)
      .execute();
    expect(audit).toEqual([{ action: 'contact.create', actorId: admin.userId }]);
  });

  it('answers 409 with the existing id for the same number in another format', async () => {
    const res = await call<Problem>(kiana, admin, 'POST', '/contacts', {
      phone: '+49 (151) 1234-5601',
    });
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual({ field: 'phone', existingId: id });
  });

  it('refuses a bad number or attribute, naming the field', async () => {
    const bad = await call<Problem>(kiana, admin, 'POST', '/contacts', { phone: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('phone');
    expect(bad.body.message).toMatch(/too short/);
    const letters = await call<Problem>(kiana, admin, 'POST', '/contacts', { phone: 'call me' });
    expect(letters.body.details.field).toBe('phone');
    for (const [attributes, field] of [
      [{ score: 'high' }, 'attributes.score'],
      [{ joined: '2023-02-29' }, 'attributes.joined'],
      [{ member: 'yes' }, 'attributes.member'],
      [{ city: 3 }, 'attributes.city'],
      [{ shoe: '42' }, 'attributes.shoe'],
    ] as const) {
      const res = await call<Problem>(kiana, admin, 'POST', '/contacts', {
        phone: '+49 151 12345699',
        attributes,
      });
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    // Nothing was stored by the refused calls.
    expect(await namesMatching(kiana, admin, { filter: { q: '12345699' } })).toEqual([]);
  });

  it('edits fields, merges attributes (null clears one) and replaces tags', async () => {
    const res = await call<ContactDetail>(kiana, admin, 'PATCH', `/contacts/${id}`, {
      name: 'Greta B.',
      phone: '+49 151 12345602',
      attributes: { city: null, score: 9 },
      tagIds: [],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Greta B.',
      phoneE164: '+4915112345602',
      attributes: { score: 9, joined: '2024-02-29', member: true },
      tags: [],
    });
    expect(res.body.attributes).not.toHaveProperty('city');
    const wrong = await call<Problem>(kiana, admin, 'PATCH', `/contacts/${id}`, {
      attributes: { score: 'nine' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.field).toBe('attributes.score');
  });

  it('lets a viewer read but not write', async () => {
    expect((await call(kiana, viewer, 'GET', `/contacts/${id}`)).status).toBe(200);
    expect((await call(kiana, viewer, 'PATCH', `/contacts/${id}`, { name: 'x' })).status).toBe(403);
  });
});

describe('contact list', () => {
  beforeAll(async () => {
    const t = await makeTag(kiana, admin, 'list-tag');
    const rows = [
      ['Zoe', '+49 151 12345611', { city: 'Essen' }],
      ['Adam', '+49 151 12345612', { city: 'Bonn' }],
      ['Mia', '+33 6 12 34 56 13', { city: 'Lyon' }],
      ['Liam', '+49 151 12345614', {}],
    ] as const;
    for (const [name, phone, attributes] of rows)
      await makeContact(kiana, admin, {
        phone,
        name,
        attributes,
        tagIds: name === 'Mia' || name === 'Adam' ? [t.id] : [],
      });
  }, 60_000);

  const page = async (query: string) => {
    const res = await call<ContactPage>(kiana, admin, 'GET', `/contacts?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('sorts by name both ways and pages without overlap', async () => {
    const asc = await page('sort=name&order=asc&q=1234561');
    expect(asc.contacts.map((c) => c.name)).toEqual(['Adam', 'Liam', 'Mia', 'Zoe']);
    expect(asc.total).toBe(4);
    const desc = await page('sort=name&order=desc&q=1234561');
    expect(desc.contacts.map((c) => c.name)).toEqual(['Zoe', 'Mia', 'Liam', 'Adam']);
    const first = await page('sort=name&order=asc&q=1234561&pageSize=3&page=1');
    const second = await page('sort=name&order=asc&q=1234561&pageSize=3&page=2');
    expect(first.contacts.map((c) => c.name)).toEqual(['Adam', 'Liam', 'Mia']);
    expect(second.contacts.map((c) => c.name)).toEqual(['Zoe']);
    expect(second.total).toBe(4);
  });

  it('sorts by creation time', async () => {
    const created = await page('sort=created&order=asc&q=1234561');
    expect(created.contacts.map((c) => c.name)).toEqual(['Zoe', 'Adam', 'Mia', 'Liam']);
  });

  it('searches name, number and attribute value', async () => {
    expect((await page('q=ada')).contacts.map((c) => c.name)).toEqual(['Adam']);
    expect(
      (await page(`q=${encodeURIComponent('151 1234 5614')}`)).contacts.map((c) => c.name),
    ).toEqual(['Liam']);
    expect((await page('q=Lyon')).contacts.map((c) => c.name)).toEqual(['Mia']);
  });

  it('filters by tag, country and consent', async () => {
    const tags = await call<{ tags: { id: string; name: string; contactCount: number }[] }>(
      kiana,
      admin,
      'GET',
      '/tags',
    );
    const t = tags.body.tags.find((x) => x.name === 'list-tag');
    expect(t?.contactCount).toBe(2);
    expect(
      (await page(`tagId=${t?.id ?? ''}&sort=name&order=asc`)).contacts.map((c) => c.name),
    ).toEqual(['Adam', 'Mia']);
    expect((await page('country=FR')).contacts.map((c) => c.name)).toEqual(['Mia']);
    expect((await page('consent=opted_out')).total).toBe(0);
  });
});

describe('contact delete', () => {
  const privacyOf = (): PrivacyModule =>
    kiana.modules.find((m) => m.name === 'privacy') as PrivacyModule;

  it('erases the person everywhere through privacy, leaving suppression alone unless asked', async () => {
    const person = makePerson(41);
    const rows = await insertPersonData(kiana.ctx.db, kiana.dataDir, person, Date.now());
    const detail = await call<ContactDetail>(kiana, admin, 'GET', `/contacts/${rows.contactId}`);
    expect(detail.body.messageCount).toBeGreaterThanOrEqual(2);
    expect(detail.body.recentMessages.map((m) => m.text)).toContain(person.inboundText);

    const res = await call(kiana, admin, 'DELETE', `/contacts/${rows.contactId}`);
    expect(res.status).toBe(200);
    const tables = await listSchemaTables(kiana.ctx.db.kysely);
    const needles = [
      person.phone,
      person.waId,
      person.name,
      person.inboundText,
      person.outboundText,
    ];
    expect(await scanDatabase(kiana.ctx.db, tables, needles)).toEqual([]);
    expect(await privacyOf().suppression.isSuppressed(person.phone)).toBe(false);
    expect((await call(kiana, admin, 'GET', `/contacts/${rows.contactId}`)).status).toBe(404);

    const other = makePerson(42);
    const second = await insertPersonData(kiana.ctx.db, kiana.dataDir, other, Date.now());
    await call(kiana, admin, 'DELETE', `/contacts/${second.contactId}?suppress=true`);
    expect(await privacyOf().suppression.isSuppressed(other.phone)).toBe(true);
  });

  it('deletes a selection in bulk', async () => {
    const a = await makeContact(kiana, admin, { phone: '+49 151 12345621', name: 'Bulk1' });
    const b = await makeContact(kiana, admin, { phone: '+49 151 12345622', name: 'Bulk2' });
    const res = await call<{ affected: number }>(kiana, admin, 'POST', '/contacts/bulk', {
      selection: { ids: [a.id, b.id] },
      action: { type: 'delete' },
    });
    expect(res.body).toEqual({ affected: 2 });
    expect(await namesMatching(kiana, admin, { filter: { q: 'Bulk' } })).toEqual([]);
  });
});
