import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/test-app';
import { testDialect } from '../../../../test/test-db';
import { userWithRole, type SignedIn } from '../../auth/auth.testkit';
import { attributeDefsSetting } from '../contacts.settings';
import { contactSnapshot, importFile, preview, uploadFile } from './imports.testkit';

const mapping = { number: 0, name: 1 };

describe(`contact imports on ${testDialect}`, () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    admin = await userWithRole(t, 'admin');
  });
  beforeEach(async () => {
    await t.ctx.db.kysely.deleteFrom('contacts').execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('previews an upload: encoding, delimiter, header, first rows and the guessed mapping', async () => {
    const file = Buffer.from(
      '\ufeffName;Phone;Tags\nJosé;+351 912 345 678;vip|lisbon\nAna;+44 7911 123456;\n',
    );
    const up = await uploadFile(t, admin, file);
    expect(up.statusCode).toBe(201);
    const p = await preview(t, admin, up.json<{ id: string }>().id);
    expect(p).toMatchObject({
      encoding: 'utf-8',
      hasBom: true,
      delimiter: ';',
      header: ['Name', 'Phone', 'Tags'],
      rows: [
        ['José', '+351 912 345 678', 'vip|lisbon'],
        ['Ana', '+44 7911 123456', ''],
      ],
      mapping: { number: 1, name: 0, tags: 2 },
      problem: null,
      attributeKeys: [],
    });
  });

  it('imports the same contacts from UTF-8, UTF-16 LE, UTF-16 BE and Windows-1252 files', async () => {
    const text = 'phone\tname\n+351912345678\tJosé\n+5511987654321\tConceição\n';
    const files = [
      Buffer.from(`\ufeff${text}`),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(Buffer.from(text, 'utf16le')).swap16(),
      ]),
      Buffer.from(text, 'latin1'),
    ];
    const expected = [
      { phoneE164: '+351912345678', name: 'José' },
      { phoneE164: '+5511987654321', name: 'Conceição' },
    ];
    for (const file of files) {
      await t.ctx.db.kysely.deleteFrom('contacts').execute();
      const result = await importFile(t, admin, file, { mapping });
      expect(result).toMatchObject({ status: 'done', summary: { created: 2, invalid: 0 } });
      expect(
        (await contactSnapshot(t)).map(({ phoneE164, name }) => ({
          phoneE164,
          name,
        })),
      ).toEqual(expected);
    }
  });

  it('counts created, invalid and duplicate rows, and a second import of the same file changes nothing', async () => {
    const file = Buffer.from(
      [
        'phone,name',
        '+351 912 345 678,Ana',
        '00351912345678,Ana again', // the same number written another way
        '=HYPERLINK("http://evil"),Mallory',
        '+44 7911 123456,Rui',
        '+1 555,Short',
        '+44 7911 123457,"Two, ""quoted""\nlines"',
        '+44 7911 123458,ragged,row',
      ].join('\n'),
    );
    const first = await importFile(t, admin, file, { mapping });
    expect(first).toMatchObject({
      status: 'done',
      rowsDone: 7,
      summary: { created: 3, updated: 0, unchanged: 0, invalid: 3, duplicate: 1 },
    });
    const stored = await contactSnapshot(t);
    const second = await importFile(t, admin, file, { mapping });
    expect(second.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      invalid: 3,
      duplicate: 1,
    });
    expect(await contactSnapshot(t)).toEqual(stored);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/imports/${first.id}/rejected.csv`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('row,value,reason');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['3', '4', '6', '8']);
    // Numbers start with "+", which a spreadsheet reads as a formula: written defused.
    expect(res.body).toMatch(/3,'\+351912345678,Duplicate of row 2/);
    expect(res.body).toMatch(/8,.*ragged.*The row has 3 fields; the header has 2/);
    // A value a spreadsheet would run as a formula is defused.
    expect(res.body).toMatch(/\n4,"'=HYPERLINK/);
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('applies the policies for existing contacts: update, skip and merge tags', async () => {
    await importFile(t, admin, Buffer.from('phone,name\n+351912345678,Ana\n'), { mapping });
    const renamed = Buffer.from('phone,name\n+351912345678,Ana Maria\n+351912345679,New\n');
    const skip = await importFile(t, admin, renamed, { mapping, policy: 'skip' });
    expect(skip.summary).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    expect((await contactSnapshot(t))[0]?.name).toBe('Ana');
    const merge = await importFile(t, admin, renamed, { mapping, policy: 'merge_tags' });
    expect(merge.summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await contactSnapshot(t))[0]?.name).toBe('Ana');
    const update = await importFile(t, admin, renamed, { mapping, policy: 'update' });
    expect(update.summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await contactSnapshot(t))[0]?.name).toBe('Ana Maria');
  });

  it('previews with the declared attributes offered and a column named after one mapped to it', async () => {
    await t.ctx.settings.set(t.ctx.db.kysely, attributeDefsSetting, [
      { key: 'plan', label: 'Plan', type: 'text' },
      { key: 'spend', label: 'Spend', type: 'number' },
    ]);
    const up = await uploadFile(t, admin, Buffer.from('phone,plan\n+351912345678,gold\n'));
    const p = await preview(t, admin, up.json<{ id: string }>().id);
    expect(p.attributeKeys).toEqual(['plan', 'spend']);
    expect(p.mapping).toEqual({ number: 0, attributes: { plan: 1 } });
  });

  it('imports tags, language, typed attributes and consent; merge_tags only adds tags; an opt-out is never undone by a file', async () => {
    await t.ctx.settings.set(t.ctx.db.kysely, attributeDefsSetting, [
      { key: 'plan', label: 'Plan', type: 'text' },
      { key: 'spend', label: 'Spend', type: 'number' },
    ]);
    const full = {
      number: 0,
      name: 1,
      tags: 2,
      language: 3,
      consent: 4,
      attributes: { plan: 5, spend: 6 },
    };
    const first = await importFile(
      t,
      admin,
      Buffer.from(
        [
          'phone,name,tags,language,consent,plan,spend',
          '+351912345678,Ana,VIP|lisbon,pt-PT,yes,gold,12.5',
          '+351912345679,Rui,vip,,no,,',
          '+351912345670,Bad,,,,silver,lots',
        ].join('\n'),
      ),
      { mapping: full },
    );
    expect(first.summary).toMatchObject({ created: 2, invalid: 1 });
    const read = async () =>
      await t.ctx.db.kysely
        .selectFrom('contacts')
        .select([
          'id',
          'phoneE164',
          'name',
          'language',
          'country',
          'attributes',
          'marketingConsent',
        ])
        .orderBy('phoneE164')
        .execute();
    const tagsOf = async (contactId: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom('contactTags')
          .innerJoin('tags', 'tags.id', 'contactTags.tagId')
          .select('tags.name')
          .where('contactTags.contactId', '=', contactId)
          .execute()
      )
        .map((r) => r.name)
        .sort();
    const [ana, rui] = await read();
    expect(ana).toMatchObject({
      name: 'Ana',
      language: 'pt-PT',
      country: 'PT',
      marketingConsent: 'opted_in',
    });
    expect(JSON.parse(ana?.attributes ?? '')).toEqual({ plan: 'gold', spend: 12.5 });
    expect(rui).toMatchObject({ marketingConsent: 'opted_out' });
    expect(await tagsOf(ana?.id ?? '')).toEqual(['VIP', 'lisbon']);
    expect(await tagsOf(rui?.id ?? '')).toEqual(['VIP']); // one tag whatever the case

    const second = Buffer.from(
      [
        'phone,name,tags,language,consent,plan,spend',
        '+351912345678,Ana B,new,,no,,',
        '+351912345679,Rui,,,yes,,',
      ].join('\n'),
    );
    const merge = await importFile(t, admin, second, { mapping: full, policy: 'merge_tags' });
    expect(merge.summary).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await tagsOf(ana?.id ?? '')).toEqual(['VIP', 'lisbon', 'new']);
    expect((await read())[0]).toMatchObject({ name: 'Ana', marketingConsent: 'opted_in' });

    const update = await importFile(t, admin, second, { mapping: full, policy: 'update' });
    expect(update.summary).toMatchObject({ updated: 1, unchanged: 1 });
    const [ana2, rui2] = await read();
    expect(ana2).toMatchObject({
      name: 'Ana B',
      marketingConsent: 'opted_out',
      language: 'pt-PT',
    });
    // "yes" in a file does not undo an opt-out.
    expect(rui2).toMatchObject({ marketingConsent: 'opted_out' });

    // Every consent a file changed is in the ledger with its import as evidence; what a
    // file did not change (Rui's refused "yes", the merge_tags run) left no entry.
    const ledger = await t.ctx.db.kysely
      .selectFrom('consentEvents')
      .select(['contactId', 'state', 'source', 'importId', 'applied'])
      .where('contactId', 'in', [ana2?.id ?? '', rui2?.id ?? ''])
      .orderBy('recordedAt')
      .orderBy('state')
      .execute();
    expect(ledger).toEqual([
      { contactId: ana?.id, state: 'opted_in', source: 'import', importId: first.id, applied: 1 },
      { contactId: rui?.id, state: 'opted_out', source: 'import', importId: first.id, applied: 1 },
      { contactId: ana?.id, state: 'opted_out', source: 'import', importId: update.id, applied: 1 },
    ]);
  });

  it('exports every contact, or those matching a filter, to a CSV as a job', async () => {
    await importFile(
      t,
      admin,
      Buffer.from('phone,name,tags\n+351912345678,Ana,vip\n+44 7911 123456,Rui,\n'),
      {
        mapping: { number: 0, name: 1, tags: 2 },
      },
    );
    const vip = await t.ctx.db.kysely
      .selectFrom('tags')
      .select('id')
      .where('nameKey', '=', 'vip')
      .executeTakeFirstOrThrow();
    const run = async (filter: object) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts/exports',
        headers: admin.headers,
        payload: filter,
      });
      expect(res.statusCode).toBe(202);
      await t.worker.drainOnce();
      const id = res.json<{ id: string }>().id;
      const status = await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/exports/${id}`,
        headers: admin.headers,
      });
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/exports/${id}/download`,
        headers: admin.headers,
      });
      expect(file.statusCode).toBe(200);
      return {
        status: status.json<{ status: string; rowCount: number }>(),
        lines: file.body.trim().split('\r\n'),
      };
    };
    const all = await run({});
    expect(all.status).toMatchObject({ status: 'done', rowCount: 2 });
    expect(all.lines[0]).toBe('phone,name,language,country,consent,attributes,created_at');
    expect(
      all.lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['Ana', 'Rui']);
    const tagged = await run({ tagIds: [vip.id] });
    expect(tagged.status.rowCount).toBe(1);
    // The number is written defused against spreadsheet formulas, like every CSV we serve.
    expect(tagged.lines[1]).toMatch(/^'\+351912345678,Ana,/);
  });

  it('records the import with the acting user in the audit log', async () => {
    const result = await importFile(t, admin, Buffer.from('phone,name\n+351912345678,Ana\n'), {
      mapping,
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=contacts.import',
      headers: admin.headers,
    });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json<{
      entries: {
        action: string;
        actor: { id?: string | null };
        target?: { id?: string | null } | null;
        targetId?: string | null;
      }[];
    }>().entries;
    const mine = entries.filter((e) => JSON.stringify(e).includes(result.id));
    expect(mine.map((e) => e.action).sort()).toEqual(['contacts.import', 'contacts.import.start']);
    expect(JSON.stringify(mine)).toContain(admin.userId);
  });
});
