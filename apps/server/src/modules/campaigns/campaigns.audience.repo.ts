import { sql } from 'kysely';
import type { Executor } from '../../db/executor';
import type { ContactWhere } from '../contacts/contacts.list.repo';

/** What materialisation reads of a contact. */
export interface AudienceContact {
  id: string;
  phoneE164: string | null;
  waId: string | null;
  profileName: string | null;
  attributes: string;
  isOptedOut: number;
  lastInboundAt: number | null;
  country: string | null;
}

const contactColumns = [
  'contacts.id',
  'contacts.phoneE164',
  'contacts.waId',
  'contacts.profileName',
  'contacts.attributes',
  'contacts.isOptedOut',
  'contacts.lastInboundAt',
  'contacts.country',
] as const;

/** One page of the contacts a filter matches, in id order (keyset paging: stable and cheap). */
export async function contactsMatching(
  ex: Executor,
  where: ContactWhere,
  afterId: string | null,
  limit: number,
): Promise<AudienceContact[]> {
  let query = ex.selectFrom('contacts').select(contactColumns).where(where);
  if (afterId !== null) query = query.where('contacts.id', '>', afterId);
  return query.orderBy('contacts.id').limit(limit).execute();
}

/** The contacts holding these numbers (one query per chunk). */
export async function contactsByPhones(
  ex: Executor,
  phones: readonly string[],
): Promise<Map<string, AudienceContact>> {
  const out = new Map<string, AudienceContact>();
  for (let i = 0; i < phones.length; i += 1000) {
    const chunk = phones.slice(i, i + 1000);
    const rows = await ex
      .selectFrom('contacts')
      .select(contactColumns)
      .where('contacts.phoneE164', 'in', chunk)
      .execute();
    for (const row of rows) if (row.phoneE164 !== null) out.set(row.phoneE164, row);
  }
  return out;
}

/**
 * Marketing messages each contact received since `since`: outbound messages Meta priced as
 * marketing, or sent by a marketing campaign (before a pricing status arrived).
 */
export async function marketingCounts(
  ex: Executor,
  contactIds: readonly string[],
  since: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < contactIds.length; i += 1000) {
    const chunk = contactIds.slice(i, i + 1000);
    const rows = await ex
      .selectFrom('messages')
      .leftJoin('campaigns', 'campaigns.id', 'messages.campaignId')
      .select(['messages.contactId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('messages.direction', '=', 'out')
      .where('messages.createdAt', '>=', since)
      .where('messages.contactId', 'in', chunk)
      .where((eb) =>
        eb.or([
          eb(sql`lower(${sql.ref('messages.pricingCategory')})`, '=', 'marketing'),
          eb('campaigns.templateCategory', '=', 'MARKETING'),
        ]),
      )
      .groupBy('messages.contactId')
      .execute();
    for (const row of rows) out.set(row.contactId, Number(row.n));
  }
  return out;
}

/** A recipient row as materialisation inserts it. */
export interface NewRecipient {
  campaignId: string;
  phoneNumberId: string;
  contactId: string | null;
  phoneE164: string;
  waId: string | null;
  paramsJson: string;
  status: 'queued' | 'skipped';
  reason: string | null;
  dueAt: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * Inserts recipients, ignoring numbers already in the campaign (a resumed run re-inserts
 * its last batch); returns the statuses of the rows really inserted, for the counts.
 */
export async function insertRecipients(
  tx: Executor,
  rows: readonly NewRecipient[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto('campaignRecipients')
    .values([...rows])
    .onConflict((oc) => oc.columns(['campaignId', 'phoneE164']).doNothing())
    .returning('status')
    .execute();
  return inserted.map((r) => r.status);
}
