import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialect } from '../../../test/test-db';
import type { Db } from '../../db/database';
import { createContactsService } from './contacts.service';
import { addTagsWhere, insertTag, moveContactTags, tagsOfContacts } from './contacts.tags.repo';

describe(`contacts' audience columns follow intake on ${testDialect}`, () => {
  let db: Db;
  // As contacts.module.ts wires it on the app's contacts service.
  const contacts = createContactsService({ now: () => 1_000 });
  contacts.onMerge(moveContactTags);
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('moves the tags of a BSUID-only contact into the phone contact it merges with', async () => {
    const k = db.kysely;
    const vip = await insertTag(k, { name: 'VIP', colour: null }, 1);
    const late = await insertTag(k, { name: 'Late', colour: null }, 1);
    const phone = await contacts.identify(k, { waId: '4915112345631', userId: null });
    const bsuid = await contacts.identify(k, { waId: null, userId: 'US.910001' });
    await addTagsWhere(k, (eb) => eb('contacts.id', '=', phone.contactId), [vip.id], 1);
    await addTagsWhere(k, (eb) => eb('contacts.id', '=', bsuid.contactId), [vip.id, late.id], 1);
    const merged = await contacts.identify(k, { waId: '4915112345631', userId: 'US.910001' });
    expect(merged).toEqual({ contactId: phone.contactId, mergedFrom: bsuid.contactId });
    const held = await tagsOfContacts(k, [phone.contactId, bsuid.contactId]);
    expect(held.map((t) => [t.contactId, t.name]).sort()).toEqual([
      [phone.contactId, 'Late'],
      [phone.contactId, 'VIP'],
    ]);
  });

  it('projects consent choices into marketing_consent, newest wins, and sets the country', async () => {
    const k = db.kysely;
    const c = await contacts.identify(k, { waId: '5511987654321', userId: null });
    const read = () =>
      k
        .selectFrom('contacts')
        .select(['marketingConsent', 'consentChangedAt', 'country'])
        .where('id', '=', c.contactId)
        .executeTakeFirstOrThrow();
    expect(await read()).toEqual({
      marketingConsent: 'unknown',
      consentChangedAt: null,
      country: 'BR',
    });
    await contacts.recordConsent(k, {
      contactId: c.contactId,
      optedOut: true,
      at: 5_000,
      source: 'keyword:STOP',
    });
    await contacts.recordConsent(k, {
      contactId: c.contactId,
      optedOut: false,
      at: 4_000,
      source: 'form',
    });
    const after = await read();
    expect(after.marketingConsent).toBe('opted_out');
    expect(Number(after.consentChangedAt)).toBe(5_000);
  });
});
