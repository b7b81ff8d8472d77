import { randomUUID } from 'node:crypto';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ContactSort } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { ContactRow } from './contacts.repo';
import type { ContactsEb } from './contacts.filter.repo';

/** A compiled filter: the WHERE clause of `contacts` (contacts.filter.repo.ts). */
export type ContactWhere = (eb: ContactsEb) => Expression<SqlBool>;

// The display name: the name given by an admin, an import or the API, else WhatsApp's.
const displayName = sql`coalesce(${sql.ref('contacts.name')}, ${sql.ref('contacts.profileName')})`;

const SORT_COLUMNS = {
  name: displayName,
  created: sql.ref('contacts.createdAt'),
  updated: sql.ref('contacts.updatedAt'),
  lastInbound: sql.ref('contacts.lastInboundAt'),
} as const;

/**
 * One page of contacts matching `where`, and how many match in all. Contacts without a
 * name or an inbound message sort last in both directions and on both dialects (SQLite
 * and PostgreSQL put NULLs at opposite ends); the id breaks ties so pages never overlap.
 */
export async function listContactsPage(
  ex: Executor,
  where: ContactWhere,
  opts: { sort: ContactSort; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  const column = SORT_COLUMNS[opts.sort];
  const nullable = opts.sort === 'name' || opts.sort === 'lastInbound';
  const rows = await ex
    .selectFrom('contacts')
    .selectAll()
    .where(where)
    .$if(nullable, (q) => q.orderBy(sql`case when ${column} is null then 1 else 0 end`))
    .orderBy(column, opts.order)
    .orderBy('contacts.id', opts.order)
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { rows, total: await countContacts(ex, where) };
}

/** How many contacts match `where` (a segment's size). */
export async function countContacts(ex: Executor, where: ContactWhere): Promise<number> {
  const row = await ex
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ids of the contacts matching `where`, at most `limit`. */
export async function contactIdsMatching(
  ex: Executor,
  where: ContactWhere,
  limit: number,
): Promise<string[]> {
  const rows = await ex
    .selectFrom('contacts')
    .select('contacts.id')
    .where(where)
    .orderBy('contacts.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The contact holding this number or wa_id (a duplicate check before create and edit). */
export async function findContactByPhone(
  ex: Executor,
  phoneE164: string,
  waId: string,
): Promise<{ id: string } | undefined> {
  return await ex
    .selectFrom('contacts')
    .select('id')
    .where((eb) => eb.or([eb('phoneE164', '=', phoneE164), eb('waId', '=', waId)]))
    .orderBy('createdAt')
    .executeTakeFirst();
}

/** The fields an admin or an import sets on a contact. */
export interface ContactFields {
  phoneE164: string;
  /** The number's digits: Meta's wa_id for most numbers (it can differ, e.g. Mexico's 521). */
  waId: string | null;
  country: string | null;
  /** The name given by the admin (never WhatsApp's profile name). */
  name: string | null;
  language: string | null;
  attributes: string;
}

/** Creates a contact; returns its id. */
export async function insertContact(
  ex: Executor,
  fields: ContactFields,
  now: number,
): Promise<string> {
  const id = randomUUID();
  await ex
    .insertInto('contacts')
    .values({ id, ...fields, isOptedOut: 0, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

/** Changes the given fields of a contact. */
export async function updateContactFields(
  ex: Executor,
  id: string,
  fields: Partial<ContactFields>,
  now: number,
): Promise<void> {
  await ex
    .updateTable('contacts')
    .set({ ...fields, updatedAt: now })
    .where('id', '=', id)
    .execute();
}
