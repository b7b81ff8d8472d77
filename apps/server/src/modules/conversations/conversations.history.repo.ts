import type { Executor } from '../../db/executor';

/** A message as a contact's detail page lists it. */
export interface ContactMessageRow {
  id: string;
  direction: 'in' | 'out';
  type: string;
  text: string | null;
  status: string | null;
  createdAt: number;
}

/**
 * How many messages a contact has and the newest `limit` of them, read through the
 * contact's threads (messages are indexed by conversation and time).
 */
export async function contactMessageHistory(
  ex: Executor,
  contactId: string,
  limit: number,
): Promise<{ count: number; recent: ContactMessageRow[] }> {
  const threads = ex.selectFrom('conversations').select('id').where('contactId', '=', contactId);
  const counted = await ex
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('conversationId', 'in', threads)
    // The team's internal notes are not messages of the contact.
    .where('kind', '=', 'message')
    .executeTakeFirstOrThrow();
  const recent = await ex
    .selectFrom('messages')
    .select(['id', 'direction', 'type', 'text', 'status', 'createdAt'])
    .where('conversationId', 'in', threads)
    .where('kind', '=', 'message')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return {
    count: Number(counted.n),
    recent: recent.map((m) => ({ ...m, createdAt: Number(m.createdAt) })),
  };
}
