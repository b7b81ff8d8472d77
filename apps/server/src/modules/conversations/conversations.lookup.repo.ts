import type { Executor } from '../../db/executor';

/** An outbound message as the public API shows it (`GET /api/v1/messages/{id}`). */
export interface OutboundMessageRow {
  id: string;
  wamid: string | null;
  phoneNumberId: string;
  contactId: string;
  phoneE164: string | null;
  type: string;
  status: string;
  createdAt: number;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  playedAt: number | null;
  failedAt: number | null;
  errorCode: number | null;
  errorTitle: string | null;
}

/** One outbound message with its recipient's number, or undefined. */
export async function findOutboundMessage(
  ex: Executor,
  id: string,
): Promise<OutboundMessageRow | undefined> {
  return ex
    .selectFrom('messages as m')
    .leftJoin('contacts as c', 'c.id', 'm.contactId')
    .select([
      'm.id',
      'm.wamid',
      'm.phoneNumberId',
      'm.contactId',
      'c.phoneE164',
      'm.type',
      'm.status',
      'm.createdAt',
      'm.sentAt',
      'm.deliveredAt',
      'm.readAt',
      'm.playedAt',
      'm.failedAt',
      'm.errorCode',
      'm.errorTitle',
    ])
    .where('m.id', '=', id)
    .where('m.direction', '=', 'out')
    .executeTakeFirst();
}

/**
 * When the customer service window between a sending number and a number closes (null when
 * the customer never wrote to it): free text and media may go out only before then.
 */
export async function windowExpiryOf(
  ex: Executor,
  phoneNumberId: string,
  phoneE164: string,
): Promise<number | null> {
  const row = await ex
    .selectFrom('conversations as v')
    .innerJoin('contacts as c', 'c.id', 'v.contactId')
    .select((eb) => eb.fn.max('v.windowExpiresAt').as('expiresAt'))
    .where('v.phoneNumberId', '=', phoneNumberId)
    .where('c.phoneE164', '=', phoneE164)
    .executeTakeFirst();
  return row?.expiresAt == null ? null : Number(row.expiresAt);
}
