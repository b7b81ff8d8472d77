import type { Insertable } from 'kysely';
import type { MarketingConsent } from '@kiana/contracts';
import { runBulkFlat, type FlatStatement } from '../../../db/bulk';
import type { Executor } from '../../../db/executor';
import type { Database } from '../../../db/schema';
import { tagNameKey } from '../contacts.tables';

/** What an import compares and writes of a contact. */
export interface StoredContact {
  id: string;
  phoneE164: string;
  country: string | null;
  name: string | null;
  language: string | null;
  /** JSON `{ [key]: value }`. */
  attributes: string;
  marketingConsent: MarketingConsent;
  isOptedOut: number;
  optedOutAt: number | null;
  optOutSource: string | null;
  optedInAt: number | null;
  optInSource: string | null;
  consentChangedAt: number | null;
}

/** A contact to create (new id) or to update (its existing id), with every imported field. */
export interface ContactWrite extends StoredContact {
  now: number;
}

type ContactInsert = Insertable<Database['contacts']>;

const CHUNK = 1_000;
// Rows per statement for wide inserts (15 values a row): under SQLite's 32,766 parameters.
const WIDE_CHUNK = 500;

const STORED_COLUMNS = [
  'id',
  'phoneE164',
  'country',
  'name',
  'language',
  'attributes',
  'marketingConsent',
  'isOptedOut',
  'optedOutAt',
  'optOutSource',
  'optedInAt',
  'optInSource',
  'consentChangedAt',
] as const;

type FoundContact = Omit<StoredContact, 'phoneE164'> & { phoneE164: string | null };

// The statements below are written with Kysely once per size and reused (db/bulk.ts); their
// `build` receives stand-ins for the values, hence the casts.
const contactsByPhones: FlatStatement<FoundContact> = {
  name: 'imports.contactsByPhones',
  maxItems: CHUNK,
  width: 1,
  build: (ex, items) =>
    ex
      .selectFrom('contacts')
      .select(STORED_COLUMNS)
      .where(
        'phoneE164',
        'in',
        items.map((v) => v[0] as string),
      )
      .orderBy('createdAt', 'desc'),
};

/** The contacts holding these numbers; of several with one number, the oldest. */
export async function findContactsByPhones(
  ex: Executor,
  phones: readonly (string | null)[],
): Promise<Map<string, StoredContact>> {
  const found = new Map<string, StoredContact>();
  const rows = await runBulkFlat(ex, contactsByPhones, phones.length, (p, at, i) => {
    p[at] = phones[i];
  });
  // Newest first within a chunk, so the oldest of a number is the one left in the map.
  for (const r of rows)
    if (r.phoneE164 !== null) found.set(r.phoneE164, { ...r, phoneE164: r.phoneE164 });
  return found;
}

const WRITE_COLUMNS = [...STORED_COLUMNS, 'waId', 'createdAt', 'updatedAt'] as const;

// The values, in WRITE_COLUMNS' order: upsertImportedContacts writes them.
const upsertContacts: FlatStatement = {
  name: 'imports.upsertContacts',
  maxItems: WIDE_CHUNK,
  width: WRITE_COLUMNS.length,
  build: (ex, items) =>
    ex
      .insertInto('contacts')
      .values(
        items.map(
          (v) =>
            Object.fromEntries(WRITE_COLUMNS.map((c, i) => [c, v[i]])) as unknown as ContactInsert,
        ),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          language: eb.ref('excluded.language'),
          attributes: eb.ref('excluded.attributes'),
          marketingConsent: eb.ref('excluded.marketingConsent'),
          isOptedOut: eb.ref('excluded.isOptedOut'),
          optedOutAt: eb.ref('excluded.optedOutAt'),
          optOutSource: eb.ref('excluded.optOutSource'),
          optedInAt: eb.ref('excluded.optedInAt'),
          optInSource: eb.ref('excluded.optInSource'),
          consentChangedAt: eb.ref('excluded.consentChangedAt'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      ),
};

/**
 * Creates and updates contacts in multi-row statements: an insert keyed by id whose conflict
 * (an existing id) updates the imported columns, so one statement serves both on SQLite and
 * PostgreSQL. `contactAt(i)` gives write `i` of `count`, read as the statement is filled, so
 * each lives only until its values are copied.
 */
export async function upsertImportedContacts(
  ex: Executor,
  count: number,
  contactAt: (i: number) => ContactWrite,
): Promise<void> {
  await runBulkFlat(ex, upsertContacts, count, (p, at, i) => {
    const w = contactAt(i);
    p[at] = w.id;
    p[at + 1] = w.phoneE164;
    p[at + 2] = w.country;
    p[at + 3] = w.name;
    p[at + 4] = w.language;
    p[at + 5] = w.attributes;
    p[at + 6] = w.marketingConsent;
    p[at + 7] = w.isOptedOut;
    p[at + 8] = w.optedOutAt;
    p[at + 9] = w.optOutSource;
    p[at + 10] = w.optedInAt;
    p[at + 11] = w.optInSource;
    p[at + 12] = w.consentChangedAt;
    p[at + 13] = null;
    p[at + 14] = w.now;
    p[at + 15] = w.now;
  });
}

/** The ids of these tag names, creating the missing ones (names unique case-insensitively). */
export async function ensureTags(
  ex: Executor,
  names: readonly string[],
  now: number,
  newId: () => string,
): Promise<Map<string, string>> {
  // The first spelling met names a new tag (`VIP` before `vip`).
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(tagNameKey(n))) byKey.set(tagNameKey(n), n);
  const ids = new Map<string, string>();
  const keys = [...byKey.keys()];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    await ex
      .insertInto('tags')
      .values(
        part.map((k) => ({
          id: newId(),
          name: byKey.get(k) ?? k,
          nameKey: k,
          colour: null,
          createdAt: now,
        })),
      )
      .onConflict((oc) => oc.column('nameKey').doNothing())
      .execute();
    const rows = await ex
      .selectFrom('tags')
      .select(['id', 'nameKey'])
      .where('nameKey', 'in', part)
      .execute();
    for (const r of rows) ids.set(r.nameKey, r.id);
  }
  return ids;
}

/** The tag ids each of these contacts carries. */
export async function findContactTags(
  ex: Executor,
  contactIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const rows = await ex
      .selectFrom('contactTags')
      .select(['contactId', 'tagId'])
      .where('contactId', 'in', contactIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      const set = found.get(r.contactId) ?? new Set<string>();
      set.add(r.tagId);
      found.set(r.contactId, set);
    }
  }
  return found;
}

const insertContactTags: FlatStatement = {
  name: 'imports.insertContactTags',
  maxItems: CHUNK,
  width: 3,
  build: (ex, items) =>
    ex
      .insertInto('contactTags')
      .values(
        items.map((v) => ({
          contactId: v[0] as string,
          tagId: v[1] as string,
          createdAt: v[2] as number,
        })),
      )
      .onConflict((oc) => oc.columns(['contactId', 'tagId']).doNothing()),
};

/**
 * Adds tags to contacts: contact `contactIds[i]` gets tag `tagIds[i]`; a pair that exists
 * already is left as it is.
 */
export async function addContactTags(
  ex: Executor,
  contactIds: readonly string[],
  tagIds: readonly string[],
  now: number,
): Promise<void> {
  await runBulkFlat(ex, insertContactTags, contactIds.length, (p, at, i) => {
    p[at] = contactIds[i];
    p[at + 1] = tagIds[i];
    p[at + 2] = now;
  });
}
