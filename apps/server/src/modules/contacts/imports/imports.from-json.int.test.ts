import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactImport } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { testDialect } from '../../../../test/test-db';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';
import { attributeDefsSetting } from '../contacts.settings';
import { getImport } from './imports.testkit';

// JSON import through the API (issue 14): the contacts of the body go through the CSV
// import's durable job — same validation, policy, summary and rejected rows — and a
// malformed body is refused whole, each problem named by row, field and reason.

describe(`JSON contact import on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;

  const post = (payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/imports/json',
      headers: admin.headers,
      payload: payload as Record<string, unknown>,
    });
  const run = async (payload: unknown): Promise<ContactImport> => {
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(202);
    await t.worker.drainOnce();
    return await getImport(t, admin, res.json<ContactImport>().id);
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    admin = await userWithRole(t, 'admin');
    await t.ctx.settings.set(t.ctx.db.kysely, attributeDefsSetting, [
      { key: 'plan', label: 'Plan', type: 'text' },
      { key: 'spend', label: 'Spend', type: 'number' },
    ]);
  });
  beforeEach(async () => {
    await t.ctx.db.kysely.deleteFrom('contacts').execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports contacts with tags, consent and attributes, and reports the bad ones by row', async () => {
    const done = await run({
      defaultCountry: 'PT',
      contacts: [
        {
          number: '912 345 678',
          name: 'José',
          tags: ['vip', 'lisbon'],
          consent: true,
          attributes: { plan: 'gold', spend: 12.5 },
        },
        { number: '+44 7911 123456', name: 'Ana', language: 'en' },
        { number: 'not a number', name: 'Bad' },
        // The same person as the first, written otherwise: a duplicate within the import.
        { number: '+351912345678', name: 'José again' },
        { number: '+351 912 345 679', attributes: { spend: 'lots' } },
      ],
    });
    expect(done.status).toBe('done');
    expect(done.summary).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      invalid: 2,
      duplicate: 1,
    });

    const db = t.ctx.db.kysely;
    const jose = await db
      .selectFrom('contacts')
      .select(['id', 'name', 'attributes', 'marketingConsent'])
      .where('phoneE164', '=', '+351912345678')
      .executeTakeFirstOrThrow();
    expect(jose.name).toBe('José');
    expect(JSON.parse(jose.attributes)).toEqual({ plan: 'gold', spend: 12.5 });
    expect(jose.marketingConsent).toBe('opted_in');
    const tags = await db
      .selectFrom('contactTags')
      .innerJoin('tags', 'tags.id', 'contactTags.tagId')
      .select('tags.name')
      .where('contactTags.contactId', '=', jose.id)
      .orderBy('tags.name')
      .execute();
    expect(tags.map((r) => r.name)).toEqual(['lisbon', 'vip']);

    // contacts[2], [3] (the duplicate) and [4] are rows 4, 5 and 6 (the header is row 1).
    const rejected = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/imports/${done.id}/rejected.csv`,
      headers: admin.headers,
    });
    expect(rejected.statusCode).toBe(200);
    const lines = rejected.body.trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '5', '6']);
    expect(lines[3]).toContain('spend must be a number');
  });

  it('applies the policy: importing the same JSON twice changes nothing the second time', async () => {
    const body = {
      policy: 'skip',
      contacts: [{ number: '+351912345678', name: 'José', tags: ['vip'] }],
    };
    expect((await run(body)).summary.created).toBe(1);
    const again = await run({ ...body, contacts: [{ ...body.contacts[0], name: 'Other' }] });
    expect(again.summary).toMatchObject({ created: 0, updated: 0 });
    const row = await t.ctx.db.kysely
      .selectFrom('contacts')
      .select('name')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('José');
  });

  it('refuses a malformed body whole, naming row, field and reason', async () => {
    const undeclared = await post({
      contacts: [{ number: '+351912345678' }, { number: '+351912345679', attributes: { tier: 1 } }],
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json()).toMatchObject({
      code: 'validation_failed',
      details: [
        {
          row: 3,
          index: 1,
          field: 'contacts.1.attributes.tier',
          reason: expect.stringMatching(/not declared|No such attribute/) as unknown,
        },
      ],
    });

    const tooLong = await post({ contacts: [{ number: '+351912345678', name: 'x'.repeat(201) }] });
    expect(tooLong.statusCode).toBe(400);
    const details = tooLong.json<{ details: { field: string; message: string }[] }>().details;
    expect(details[0]?.field).toBe('body.contacts.0.name');

    const tooMany = await post({
      contacts: Array.from({ length: 10_001 }, () => ({ number: '+351912345678' })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ message: string }>().message).toMatch(/contacts/);
    // Nothing was imported by a refused request.
    expect(await t.ctx.db.kysely.selectFrom('contacts').select('id').execute()).toEqual([]);
  });
});
