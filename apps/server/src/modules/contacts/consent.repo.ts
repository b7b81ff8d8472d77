import type { Insertable } from 'kysely';
import type { Executor } from '../../db/executor';
import type { ConsentTables } from './consent.tables';

export type ConsentEventRow = ConsentTables['consentEvents'];

const columns = [
  'id',
  'contactId',
  'state',
  'occurredAt',
  'recordedAt',
  'source',
  'detail',
  'messageId',
  'importId',
  'userId',
  'note',
  'applied',
] as const;

/** Appends one entry to the ledger (entries are never changed or removed, except by erasure). */
export async function insertConsentEvent(
  ex: Executor,
  row: Insertable<ConsentEventRow>,
): Promise<void> {
  await ex.insertInto('consentEvents').values(row).execute();
}

/** Appends many entries at once (an import's batch), in chunks under SQLite's parameter limit. */
export async function insertConsentEvents(
  ex: Executor,
  rows: readonly Insertable<ConsentEventRow>[],
): Promise<void> {
  const CHUNK = 500; // 12 columns a row: 6,000 parameters, well under SQLite's 32,766
  for (let i = 0; i < rows.length; i += CHUNK)
    await ex
      .insertInto('consentEvents')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/**
 * True when the ledger already holds this very choice (same contact, state, time, source
 * and message): a redelivered webhook or a re-applied status must not record it twice.
 */
export async function hasConsentEvent(
  ex: Executor,
  e: Pick<ConsentEventRow, 'contactId' | 'state' | 'occurredAt' | 'source' | 'messageId'>,
): Promise<boolean> {
  const row = await ex
    .selectFrom('consentEvents')
    .select('id')
    .where('contactId', '=', e.contactId)
    .where('state', '=', e.state)
    .where('occurredAt', '=', e.occurredAt)
    .where('source', '=', e.source)
    .where((eb) =>
      e.messageId === null ? eb('messageId', 'is', null) : eb('messageId', '=', e.messageId),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** A contact's ledger, newest choice first (then newest recorded). */
export async function listConsentEvents(
  ex: Executor,
  contactId: string,
  limit: number,
): Promise<ConsentEventRow[]> {
  return await ex
    .selectFrom('consentEvents')
    .select(columns)
    .where('contactId', '=', contactId)
    .orderBy('occurredAt', 'desc')
    .orderBy('recordedAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Re-points a merged contact's ledger to the contact that absorbs it. */
export async function moveConsentEvents(
  ex: Executor,
  fromId: string,
  intoId: string,
): Promise<void> {
  await ex
    .updateTable('consentEvents')
    .set({ contactId: intoId })
    .where('contactId', '=', fromId)
    .execute();
}
