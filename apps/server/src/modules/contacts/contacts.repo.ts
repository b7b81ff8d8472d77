import { randomUUID } from 'node:crypto';
import type { ContactsTables } from './contacts.tables';
import { greatestOf } from '../../db/dialect';
import type { Executor } from '../../db/executor';

/** A database handle or an open transaction: callers pass theirs so writes share it. */
export type ContactRow = ContactsTables['contacts'];

/**
 * Creates the contact of a wa_id or updates its profile name and last inbound time, in
 * one statement (an upsert on the unique wa_id), and returns its id.
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
  const row = await ex
    .insertInto('contacts')
    .values({
      id: randomUUID(),
      waId: input.waId,
      phoneE164: input.phoneE164,
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
 * Records an opt-out (or, with `optedOut: false`, an opt-in) with its time and source,
 * unless the contact already holds a later choice: Meta delivers webhooks in any order, so
 * an older STOP arriving after a newer RESUME (or the reverse) is not applied.
 */
export async function setContactConsent(
  ex: Executor,
  contactId: string,
  change: { optedOut: boolean; at: number; source: string },
): Promise<void> {
  await ex
    .updateTable('contacts')
    .set(
      change.optedOut
        ? {
            isOptedOut: 1,
            optedOutAt: change.at,
            optOutSource: change.source,
            updatedAt: change.at,
          }
        : { isOptedOut: 0, optedInAt: change.at, optInSource: change.source, updatedAt: change.at },
    )
    .where('id', '=', contactId)
    .where((eb) => eb(eb.fn.coalesce('optedOutAt', eb.lit(0)), '<=', change.at))
    .where((eb) => eb(eb.fn.coalesce('optedInAt', eb.lit(0)), '<=', change.at))
    .execute();
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
