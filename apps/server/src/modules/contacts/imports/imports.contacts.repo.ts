import type { Executor } from '../../../db/executor';

/** What an import compares and writes of a contact. */
export interface StoredContact {
  id: string;
  phoneE164: string;
  profileName: string | null;
}

/** A contact to create (new id) or to update (its existing id), with every imported field. */
export interface ContactWrite extends StoredContact {
  now: number;
}

const CHUNK = 1_000;

/** The contacts holding these numbers; of several with one number, the oldest. */
export async function findContactsByPhones(
  ex: Executor,
  phones: readonly string[],
): Promise<Map<string, StoredContact>> {
  const found = new Map<string, StoredContact>();
  for (let i = 0; i < phones.length; i += CHUNK) {
    const rows = await ex
      .selectFrom('contacts')
      .select(['id', 'phoneE164', 'profileName'])
      .where('phoneE164', 'in', phones.slice(i, i + CHUNK))
      .orderBy('createdAt', 'desc')
      .execute();
    // Newest first, so the oldest of a number is the one left in the map.
    for (const r of rows)
      if (r.phoneE164 !== null) found.set(r.phoneE164, { ...r, phoneE164: r.phoneE164 });
  }
  return found;
}

/**
 * Creates and updates contacts in multi-row statements: an insert keyed by id whose conflict
 * (an existing id) updates the imported columns, so one statement serves both on SQLite and
 * PostgreSQL.
 */
export async function upsertImportedContacts(
  ex: Executor,
  rows: readonly ContactWrite[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await ex
      .insertInto('contacts')
      .values(
        part.map((r) => ({
          id: r.id,
          waId: null,
          phoneE164: r.phoneE164,
          profileName: r.profileName,
          isOptedOut: 0,
          createdAt: r.now,
          updatedAt: r.now,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          profileName: eb.ref('excluded.profileName'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
  }
}
