import { sql } from 'kysely';
import type { AutomationName } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { dialectOf } from '../../db/dialect';
import { lockInTransaction } from '../../platform/locks/locks.repo';
import type { MessageRow } from '../conversations/conversations.repo';

// Automations read the inbox's threads and write their notes and replies into them; the
// firings themselves are the thread's notes (kind `note`, type `automation`, text = name).

/** An inbound message with what the automations decide on. */
export interface InboundContext {
  messageId: string;
  conversationId: string;
  contactId: string;
  accountId: string | null;
  phoneNumberId: string;
  direction: string;
  kind: string;
  text: string | null;
  createdAt: number;
  state: string;
  assignedUserId: string | null;
  contactPhoneE164: string | null;
  contactLanguage: string | null;
  isOptedOut: boolean;
}

export async function findInbound(
  ex: Executor,
  messageId: string,
): Promise<InboundContext | undefined> {
  const row = await ex
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversationId')
    .innerJoin('contacts as p', 'p.id', 'm.contactId')
    .select([
      'm.id as messageId',
      'm.conversationId',
      'm.contactId',
      'c.accountId',
      'c.phoneNumberId',
      'm.direction',
      'm.kind',
      'm.text',
      'm.createdAt',
      'c.state',
      'c.assignedUserId',
      'p.phoneE164 as contactPhoneE164',
      'p.language as contactLanguage',
      'p.isOptedOut',
      'p.marketingConsent',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { marketingConsent, isOptedOut, ...rest } = row;
  return {
    ...rest,
    createdAt: Number(row.createdAt),
    isOptedOut: Number(isOptedOut) === 1 || marketingConsent === 'opted_out',
  };
}

/** Serialises automations' decisions on one key (a conversation, the rotation) on PostgreSQL. */
export async function lockAutomation(ex: Executor, key: string): Promise<void> {
  await lockInTransaction(ex, dialectOf(ex), 'automation', [key]);
}

const replyNames: AutomationName[] = ['away_reply', 'welcome_reply', 'keyword_reply'];

/** When the conversation last got an automatic reply (null: never). */
export async function lastAutoReplyAt(
  ex: Executor,
  conversationId: string,
): Promise<number | null> {
  const row = await ex
    .selectFrom('messages')
    .select((eb) => eb.fn.max('createdAt').as('at'))
    .where('conversationId', '=', conversationId)
    .where('kind', '=', 'note')
    .where('type', '=', 'automation')
    .where('text', 'in', replyNames)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** Whether a message of `field`'s owner came before this one (in or out, notes aside). */
export async function hasEarlierMessage(
  ex: Executor,
  field: 'contactId' | 'conversationId',
  id: string,
  message: { messageId: string; createdAt: number },
): Promise<boolean> {
  const row = await ex
    .selectFrom('messages')
    .select('id')
    .where(field, '=', id)
    .where('kind', '=', 'message')
    .where('id', '!=', message.messageId)
    .where('createdAt', '<=', message.createdAt)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the contact was already welcomed (in any conversation). */
export async function wasWelcomed(ex: Executor, contactId: string): Promise<boolean> {
  const row = await ex
    .selectFrom('messages')
    .select('id')
    .where('contactId', '=', contactId)
    .where('kind', '=', 'note')
    .where('type', '=', 'automation')
    .where('text', '=', 'welcome_reply')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertMessage(ex: Executor, row: MessageRow): Promise<void> {
  await ex.insertInto('messages').values(row).execute();
}

/** Moves a conversation's activity time forward (a note or reply was added). */
export async function touchConversation(ex: Executor, id: string, at: number): Promise<void> {
  await ex
    .updateTable('conversations')
    .set((eb) => ({
      lastMessageAt: sql<number>`case when ${eb.ref('lastMessageAt')} < ${at} then ${at} else ${eb.ref('lastMessageAt')} end`,
      updatedAt: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** Agents marked available, with their place in the rotation. */
export async function availableAgents(
  ex: Executor,
): Promise<{ userId: string; lastTurn: number }[]> {
  const rows = await ex
    .selectFrom('agentAvailability')
    .select(['userId', 'lastTurn'])
    .where('isAvailable', '=', 1)
    .execute();
  return rows.map((r) => ({ userId: r.userId, lastTurn: Number(r.lastTurn) }));
}

export async function availabilityOf(ex: Executor): Promise<Map<string, boolean>> {
  const rows = await ex.selectFrom('agentAvailability').select(['userId', 'isAvailable']).execute();
  return new Map(rows.map((r) => [r.userId, Number(r.isAvailable) === 1]));
}

export async function setAvailability(
  ex: Executor,
  userId: string,
  isAvailable: boolean,
  now: number,
): Promise<void> {
  await ex
    .insertInto('agentAvailability')
    .values({ userId, isAvailable: isAvailable ? 1 : 0, lastTurn: 0, updatedAt: now })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ isAvailable: isAvailable ? 1 : 0, updatedAt: now }),
    )
    .execute();
}

/** Open conversations assigned to each of `userIds`. */
export async function openCounts(
  ex: Executor,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await ex
    .selectFrom('conversations')
    .select((eb) => ['assignedUserId', eb.fn.countAll<number>().as('n')])
    .where('assignedUserId', 'in', userIds)
    .where('state', '=', 'open')
    .groupBy('assignedUserId')
    .execute();
  return new Map(rows.map((r) => [r.assignedUserId ?? '', Number(r.n)]));
}

/** The rotation's next turn number. */
export async function nextTurn(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('agentAvailability')
    .select((eb) => eb.fn.max('lastTurn').as('turn'))
    .executeTakeFirst();
  return Number(row?.turn ?? 0) + 1;
}

export async function setTurn(ex: Executor, userId: string, turn: number): Promise<void> {
  await ex
    .updateTable('agentAvailability')
    .set({ lastTurn: turn })
    .where('userId', '=', userId)
    .execute();
}

/** Assigns an open, unassigned conversation; false when someone got there first. */
export async function assignIfUnassigned(
  ex: Executor,
  conversationId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const r = await ex
    .updateTable('conversations')
    .set({ assignedUserId: userId, updatedAt: now })
    .where('id', '=', conversationId)
    .where('assignedUserId', 'is', null)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Open conversations whose customer has not written since `before` (oldest first). */
export async function silentOpenConversations(
  ex: Executor,
  before: number,
  limit: number,
): Promise<{ id: string; contactId: string; accountId: string | null; phoneNumberId: string }[]> {
  return ex
    .selectFrom('conversations')
    .select(['id', 'contactId', 'accountId', 'phoneNumberId'])
    .where('state', '=', 'open')
    .where((eb) => eb(eb.fn.coalesce('lastInboundAt', 'createdAt'), '<', before))
    .orderBy('lastMessageAt')
    .limit(limit)
    .execute();
}

/** Closes a conversation that is still open; false when it changed meanwhile. */
export async function closeIfOpen(ex: Executor, id: string, now: number): Promise<boolean> {
  const r = await ex
    .updateTable('conversations')
    .set({ state: 'closed', snoozedUntil: null, updatedAt: now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
