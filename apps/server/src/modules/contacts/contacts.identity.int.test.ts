import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { createContactsService } from './contacts.service';

describe(`contact identity (phone, BSUID) on ${testDialect}`, () => {
  let db: Db;
  const contacts = createContactsService({ now: () => 1_000 });
  const merges: [string, string][] = [];
  contacts.onMerge(async (_ex, from, into) => {
    merges.push([from, into]);
    await Promise.resolve();
  });
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keys by phone when known and by BSUID otherwise, one row each', async () => {
    const a = await contacts.identify(db.kysely, { waId: '15550100001', userId: null });
    const again = await contacts.identify(db.kysely, { waId: '15550100001', userId: null });
    expect(again.contactId).toBe(a.contactId);
    const b = await contacts.identify(db.kysely, {
      waId: null,
      userId: 'US.900001',
      username: 'bee',
    });
    const b2 = await contacts.identify(db.kysely, { waId: null, userId: 'US.900001' });
    expect(b2.contactId).toBe(b.contactId);
    expect(await contacts.get(db.kysely, b.contactId)).toMatchObject({
      waId: null,
      phoneE164: null,
      userId: 'US.900001',
      username: 'bee',
    });
    await expect(contacts.identify(db.kysely, { waId: null, userId: null })).rejects.toThrow(
      /wa_id or a user_id/,
    );
  });

  it('merges a BSUID-only contact into the phone contact; the newer consent choice wins', async () => {
    const phone = await contacts.identify(db.kysely, { waId: '15550100002', userId: null });
    await contacts.recordConsent(db.kysely, {
      contactId: phone.contactId,
      optedOut: false,
      at: 5_000,
      source: 'form',
    });
    const bsuid = await contacts.identify(db.kysely, { waId: null, userId: 'US.900002' });
    // Older than the phone contact's opt-in: must not flip it.
    await contacts.recordConsent(db.kysely, {
      contactId: bsuid.contactId,
      optedOut: true,
      at: 4_000,
      source: 'keyword:STOP',
    });
    const merged = await contacts.identify(db.kysely, {
      waId: '15550100002',
      userId: 'US.900002',
      username: 'cee',
    });
    expect(merged).toEqual({ contactId: phone.contactId, mergedFrom: bsuid.contactId });
    expect(merges).toContainEqual([bsuid.contactId, phone.contactId]);
    expect(await contacts.get(db.kysely, bsuid.contactId)).toBeUndefined();
    expect(await contacts.get(db.kysely, phone.contactId)).toMatchObject({
      userId: 'US.900002',
      username: 'cee',
      isOptedOut: 0,
      optedInAt: 5_000,
      optedOutAt: null,
    });
  });

  it('moves a BSUID seen with another phone number to that number, histories apart', async () => {
    const first = await contacts.identify(db.kysely, { waId: '15550100003', userId: 'US.900003' });
    const second = await contacts.identify(db.kysely, {
      waId: '15550100004',
      userId: 'US.900003',
    });
    expect(second.mergedFrom).toBeNull();
    expect(await contacts.get(db.kysely, first.contactId)).toMatchObject({
      waId: '15550100003',
      userId: null,
    });
    expect((await contacts.findByUserId(db.kysely, 'US.900003'))?.id).toBe(second.contactId);
  });

  it('identifies a batch of numbers at once: known ones found, new ones created, a number held without a wa_id claimed', async () => {
    const known = await contacts.identify(db.kysely, { waId: '15550100010', userId: null });
    // An imported contact: the number, no wa_id yet. It must become this number's contact.
    await db.kysely
      .insertInto('contacts')
      .values({
        id: 'imported-1',
        phoneE164: '+15550100011',
        isOptedOut: 0,
        createdAt: 1,
        updatedAt: 1,
      })
      .execute();
    const phones = ['+15550100010', '+15550100011', '+351912340099', '+351912340099'];
    const ids = await contacts.identifyNumbers(db.kysely, phones);
    expect(ids.get('+15550100010')).toBe(known.contactId);
    expect(ids.get('+15550100011')).toBe('imported-1');
    const created = ids.get('+351912340099');
    expect(created).toBeDefined();
    expect(await contacts.get(db.kysely, created ?? '')).toMatchObject({
      waId: '351912340099',
      phoneE164: '+351912340099',
      country: 'PT',
    });
    expect(await contacts.findByWaId(db.kysely, '15550100011')).toMatchObject({ id: 'imported-1' });
    // Again: nothing new, the same ids.
    expect(await contacts.identifyNumbers(db.kysely, phones)).toEqual(ids);
    const rows = await db.kysely
      .selectFrom('contacts')
      .select('phoneE164')
      .where('phoneE164', 'in', phones)
      .execute();
    expect(rows).toHaveLength(3);
  });
  it('keeps one contact for a Mexican or Brazilian number whose wa_id is not its digits', async () => {
    // Sent to first (the contact's wa_id is the number's digits), then the person writes in
    // with Meta's wa_id: 521 + ten digits, or a Brazilian mobile without its ninth digit.
    const cases = [
      { phone: '+525512340001', waId: '5215512340001', country: 'MX' },
      { phone: '+5511987650001', waId: '551187650001', country: 'BR' },
    ];
    for (const c of cases) {
      const sent = (await contacts.identifyNumbers(db.kysely, [c.phone])).get(c.phone);
      expect(sent).toBeDefined();
      const wrote = await contacts.identify(db.kysely, {
        waId: c.waId,
        userId: null,
        profileName: 'Lupe',
      });
      expect(wrote.contactId).toBe(sent);
      expect(await contacts.get(db.kysely, wrote.contactId)).toMatchObject({
        waId: c.waId,
        phoneE164: c.phone,
        country: c.country,
        profileName: 'Lupe',
      });
      // The next send finds the same person by number, and so does the digits' wa_id.
      expect((await contacts.identifyNumbers(db.kysely, [c.phone])).get(c.phone)).toBe(sent);
      const byDigits = await contacts.identify(db.kysely, {
        waId: c.phone.slice(1),
        userId: null,
      });
      expect(byDigits.contactId).toBe(sent);
    }
    // Written in first, imported later: the import's number is the same contact.
    const first = await contacts.identify(db.kysely, { waId: '5215512340002', userId: null });
    expect(await contacts.get(db.kysely, first.contactId)).toMatchObject({
      phoneE164: '+525512340002',
    });
    const rows = await db.kysely
      .selectFrom('contacts')
      .select('id')
      .where('phoneE164', 'in', ['+525512340001', '+5511987650001', '+525512340002'])
      .execute();
    expect(rows).toHaveLength(3);
  });
});
