import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import { rowOf, runBulkFlat, type FlatStatement } from '../../db/bulk';
import type { Database } from '../../db/schema';
import { newRowId } from '../../db/ids';
import type { ContactsTables } from './contacts.tables';
import { greatestOf } from '../../db/dialect';
import { countryOfE164, waIdOfE164 } from './contacts.phone';
import type { Executor } from '../../db/executor';

/** A database handle or an open transaction: callers pass theirs so writes share it. */
export type { Executor } from '../../db/executor';
export type ContactRow = Selectable<ContactsTables['contacts']>;

/**
 * Creates the contact of a wa_id or updates its profile name and last inbound time, in
 * one statement (an upsert on the unique wa_id), and returns its id. A contact that holds
 * the number without a wa_id yet (imported, or created through the API) becomes this
 * wa_id's contact: `phone_e164` is unique, so the number never gets a second contact. So
 * does one whose wa_id is only its number's digits (created by a send) when the person's
 * real wa_id differs (Mexico's `521…`, Brazil's missing ninth digit); and a send addressed
 * by the digits finds the contact that already knows the real one.
 */
export async function upsertContactByWaId(
  ex: Executor,
  input: {
    waId: string;
    phoneE164: string | null;
    profileName: string | null;
    inboundAt: number | null;
    now: number;
  },
): Promise<string> {
  if (input.phoneE164 !== null) {
    const claimed = await claimByPhone(ex, { ...input, phoneE164: input.phoneE164 });
    if (claimed !== undefined) return claimed;
    if (input.waId === waIdOfE164(input.phoneE164)) {
      const holder = await ex
        .updateTable('contacts')
        .set((eb) => seenAgain(ex, eb, input))
        .where('phoneE164', '=', input.phoneE164)
        .where('waId', '<>', input.waId)
        .returning('id')
        .executeTakeFirst();
      if (holder !== undefined) return holder.id;
    }
  }
  const row = await ex
    .insertInto('contacts')
    .values({
      id: newRowId(),
      waId: input.waId,
      phoneE164: input.phoneE164,
      country: input.phoneE164 === null ? null : countryOfE164(input.phoneE164),
      profileName: input.profileName,
      isOptedOut: 0,
      lastInboundAt: input.inboundAt,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflict((oc) =>
      oc.column('waId').doUpdateSet((eb) => ({
        profileName: eb.fn.coalesce(eb.ref('excluded.profileName'), eb.ref('contacts.profileName')),
        phoneE164: eb.fn.coalesce(eb.ref('contacts.phoneE164'), eb.ref('excluded.phoneE164')),
        // Out-of-order inbound messages must not pull it back.
        lastInboundAt: greatestOf(
          ex,
          eb.ref('contacts.lastInboundAt'),
          eb.ref('excluded.lastInboundAt'),
        ),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The contacts of these E.164 numbers that know a wa_id: number → id (absent when unknown,
 * or held without a wa_id yet: the caller gives it one).
 */
export async function findContactIdsByPhones(
  ex: Executor,
  phonesE164: readonly string[],
): Promise<Map<string, string>> {
  if (phonesE164.length === 0) return new Map();
  const rows = await ex
    .selectFrom('contacts')
    .select(['id', 'phoneE164'])
    .where('phoneE164', 'in', [...phonesE164])
    .where('waId', 'is not', null)
    .execute();
  return new Map(rows.flatMap((r) => (r.phoneE164 === null ? [] : [[r.phoneE164, r.id] as const])));
}

/**
 * Creates the contacts of canonical E.164 numbers (wa_id = the digits) in one statement,
 * skipping any that meets an existing row (its wa_id, or its number held by another
 * contact): wa_id → id of those created.
 */
export async function insertContactsOfNumbers(
  ex: Executor,
  phonesE164: readonly string[],
  now: number,
): Promise<Map<string, string>> {
  if (phonesE164.length === 0) return new Map();
  const rows = await runBulkFlat(ex, insertNumberContacts, phonesE164.length, (p, at, i) => {
    const phoneE164 = phonesE164[i] as string;
    // In NUMBER_CONTACT_COLUMNS' order.
    p[at] = newRowId();
    p[at + 1] = waIdOfE164(phoneE164);
    p[at + 2] = phoneE164;
    p[at + 3] = countryOfE164(phoneE164);
    p[at + 4] = null;
    p[at + 5] = 0;
    p[at + 6] = null;
    p[at + 7] = now;
    p[at + 8] = now;
  });
  return new Map(rows.flatMap((r) => (r.waId === null ? [] : [[r.waId, r.id] as const])));
}

const NUMBER_CONTACT_COLUMNS = [
  'id',
  'waId',
  'phoneE164',
  'country',
  'profileName',
  'isOptedOut',
  'lastInboundAt',
  'createdAt',
  'updatedAt',
] as const;

// Built once per row count (db/bulk.ts): the dispatcher creates a batch of contacts a round.
const insertNumberContacts: FlatStatement<{ id: string; waId: string | null }> = {
  name: 'contacts.insertOfNumbers',
  maxItems: 500,
  width: NUMBER_CONTACT_COLUMNS.length,
  build: (ex, items) =>
    ex
      .insertInto('contacts')
      .values(
        items.map((v) => rowOf<Insertable<ContactsTables['contacts']>>(NUMBER_CONTACT_COLUMNS, v)),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'waId']),
};

/** A contact seen again: its newer profile name, its latest inbound time (never pulled back). */
function seenAgain(
  ex: Executor,
  eb: ExpressionBuilder<Database, 'contacts'>,
  input: { profileName: string | null; inboundAt: number | null; now: number },
) {
  return {
    profileName: eb.fn.coalesce(eb.val(input.profileName), eb.ref('contacts.profileName')),
    lastInboundAt: greatestOf(ex, eb.ref('contacts.lastInboundAt'), eb.val(input.inboundAt)),
    updatedAt: input.now,
  };
}

/**
 * Gives the wa_id to the contact holding its number without one, or with the number's
 * digits where the real wa_id differs; its id, if there is one.
 */
async function claimByPhone(
  ex: Executor,
  input: {
    waId: string;
    phoneE164: string;
    profileName: string | null;
    inboundAt: number | null;
    now: number;
  },
): Promise<string | undefined> {
  const row = await ex
    .updateTable('contacts')
    .set((eb) => ({ waId: input.waId, ...seenAgain(ex, eb, input) }))
    .where('phoneE164', '=', input.phoneE164)
    .where((eb) => eb.or([eb('waId', 'is', null), eb('waId', '=', waIdOfE164(input.phoneE164))]))
    // The wa_id may already be another contact's (a number an admin changed): that one stays.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as other').select('other.id').where('other.waId', '=', input.waId),
        ),
      ),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The contact holding this number, if any. */
export async function findContactByPhoneE164(
  ex: Executor,
  phoneE164: string,
): Promise<ContactRow | undefined> {
  return await ex
    .selectFrom('contacts')
    .selectAll()
    .where('phoneE164', '=', phoneE164)
    .executeTakeFirst();
}

/**
 * Records an opt-out (or, with `optedOut: false`, an opt-in) with its time and source,
 * unless the contact already holds a later choice: Meta delivers webhooks in any order, so
 * an older STOP arriving after a newer RESUME (or the reverse) is not applied. True when applied.
 */
export async function setContactConsent(
  ex: Executor,
  contactId: string,
  change: { optedOut: boolean; at: number; source: string; messageId?: string | null },
): Promise<boolean> {
  // `marketing_consent` is what segments read: the projection of the consent ledger.
  const evidence = {
    consentMessageId: change.messageId ?? null,
    consentChangedAt: change.at,
    updatedAt: change.at,
  };
  const result = await ex
    .updateTable('contacts')
    .set(
      change.optedOut
        ? {
            isOptedOut: 1,
            optedOutAt: change.at,
            optOutSource: change.source,
            marketingConsent: 'opted_out' as const,
            ...evidence,
          }
        : {
            isOptedOut: 0,
            optedInAt: change.at,
            optInSource: change.source,
            marketingConsent: 'opted_in' as const,
            ...evidence,
          },
    )
    .where('id', '=', contactId)
    .where((eb) => eb(eb.fn.coalesce('optedOutAt', eb.lit(0)), '<=', change.at))
    .where((eb) => eb(eb.fn.coalesce('optedInAt', eb.lit(0)), '<=', change.at))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One contact by id. */
export async function findContactById(ex: Executor, id: string): Promise<ContactRow | undefined> {
  return await ex.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One contact by wa_id. */
export async function findContactByWaId(
  ex: Executor,
  waId: string,
): Promise<ContactRow | undefined> {
  return await ex.selectFrom('contacts').selectAll().where('waId', '=', waId).executeTakeFirst();
}

/** One contact by business-scoped user id (BSUID). */
export async function findContactByUserId(
  ex: Executor,
  userId: string,
): Promise<ContactRow | undefined> {
  return await ex
    .selectFrom('contacts')
    .selectAll()
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/**
 * Creates the contact of a BSUID whose phone number Meta withholds, or refreshes its
 * username, profile name and last inbound time (an upsert on the unique `user_id`).
 */
export async function upsertContactByUserId(
  ex: Executor,
  input: {
    userId: string;
    parentUserId: string | null;
    username: string | null;
    profileName: string | null;
    inboundAt: number | null;
    now: number;
  },
): Promise<string> {
  const row = await ex
    .insertInto('contacts')
    .values({
      id: newRowId(),
      waId: null,
      userId: input.userId,
      parentUserId: input.parentUserId,
      username: input.username,
      phoneE164: null,
      profileName: input.profileName,
      isOptedOut: 0,
      lastInboundAt: input.inboundAt,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet((eb) => ({
        profileName: eb.fn.coalesce(eb.ref('excluded.profileName'), eb.ref('contacts.profileName')),
        username: eb.fn.coalesce(eb.ref('excluded.username'), eb.ref('contacts.username')),
        parentUserId: eb.fn.coalesce(
          eb.ref('excluded.parentUserId'),
          eb.ref('contacts.parentUserId'),
        ),
        lastInboundAt: greatestOf(
          ex,
          eb.ref('contacts.lastInboundAt'),
          eb.ref('excluded.lastInboundAt'),
        ),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Sets the identifiers Meta revealed on a contact: a phone number (when it was known only
 * by BSUID) or a BSUID and username (when it was known only by phone). Null leaves a
 * column as it is.
 */
export async function setContactIdentity(
  ex: Executor,
  id: string,
  input: {
    waId?: string | null;
    phoneE164?: string | null;
    userId?: string | null;
    parentUserId?: string | null;
    username?: string | null;
    profileName?: string | null;
    name?: string | null;
    lastInboundAt?: number | null;
    now: number;
  },
): Promise<void> {
  const set: Updateable<ContactsTables['contacts']> = { updatedAt: input.now };
  for (const key of [
    'waId',
    'phoneE164',
    'userId',
    'parentUserId',
    'username',
    'profileName',
    'name',
  ] as const) {
    const v = input[key];
    if (v !== undefined && v !== null) set[key] = v;
  }
  await ex
    .updateTable('contacts')
    .set(set)
    .$if(input.lastInboundAt !== undefined && input.lastInboundAt !== null, (q) =>
      q.set((eb) => ({
        lastInboundAt: greatestOf(
          ex,
          eb.ref('contacts.lastInboundAt'),
          eb.val(input.lastInboundAt ?? null),
        ),
      })),
    )
    .where('id', '=', id)
    .execute();
}

/** Deletes a contact row (after a merge moved everything that pointed at it). */
export async function deleteContact(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('contacts').where('id', '=', id).execute();
}

/** Removes a contact's BSUID (it now belongs to another contact). */
export async function clearContactUserId(ex: Executor, id: string, now: number): Promise<void> {
  await ex
    .updateTable('contacts')
    .set({ userId: null, parentUserId: null, updatedAt: now })
    .where('id', '=', id)
    .execute();
}
