import type { MessageLogFilter } from '@kiana/contracts';
import { dialectOf, textMatch } from '../../db/dialect';
import type { Executor } from '../../db/executor';

const LIST_COLUMNS = [
  'm.id',
  'm.createdAt',
  'm.direction',
  'm.type',
  'm.status',
  'm.phoneNumberId',
  'm.contactId',
  'c.phoneE164 as contactPhone',
  'c.name as contactName',
  'c.profileName as contactProfileName',
  'm.text',
  'm.campaignId',
  'k.templateName as campaignTemplate',
  'm.payload',
  'm.errorCode',
  'm.wamid',
] as const;

function base(ex: Executor) {
  return ex
    .selectFrom('messages as m')
    .leftJoin('contacts as c', 'c.id', 'm.contactId')
    .leftJoin('campaigns as k', 'k.id', 'm.campaignId');
}

/** A page of the messages log, newest first, after `cursor` (`<createdAt>.<id>`). */
export async function listMessages(
  ex: Executor,
  f: MessageLogFilter & { cursor?: string },
  limit: number,
) {
  const dialect = dialectOf(ex);
  let q = base(ex).select([...LIST_COLUMNS]);
  if (f.direction !== undefined) q = q.where('m.direction', '=', f.direction);
  if (f.status !== undefined) q = q.where('m.status', '=', f.status);
  if (f.phoneNumberId !== undefined) q = q.where('m.phoneNumberId', '=', f.phoneNumberId);
  if (f.campaignId !== undefined) q = q.where('m.campaignId', '=', f.campaignId);
  if (f.errorCode !== undefined) q = q.where('m.errorCode', '=', f.errorCode);
  if (f.contactId !== undefined) q = q.where('m.contactId', '=', f.contactId);
  if (f.contact !== undefined && f.contact.trim() !== '') {
    const text = f.contact.trim();
    q = q.where((eb) =>
      eb.or([
        textMatch(dialect, 'c.phoneE164', text),
        textMatch(dialect, 'c.name', text),
        textMatch(dialect, 'c.profileName', text),
      ]),
    );
  }
  if (f.from !== undefined) q = q.where('m.createdAt', '>=', f.from);
  if (f.to !== undefined) q = q.where('m.createdAt', '<', f.to);
  if (f.templateName !== undefined) {
    const name = f.templateName;
    q = q.where((eb) =>
      eb.or([
        eb('k.templateName', '=', name),
        // A template sent outside a campaign names itself in the sent payload only.
        eb.and([
          eb('m.type', '=', 'template'),
          textMatch(dialect, 'm.payload', `"name":"${name}"`),
        ]),
      ]),
    );
  }
  if (f.q !== undefined && f.q.trim() !== '') {
    const text = f.q.trim();
    q = q.where((eb) =>
      eb.or([
        textMatch(dialect, 'm.text', text),
        textMatch(dialect, 'c.phoneE164', text),
        textMatch(dialect, 'm.wamid', text),
      ]),
    );
  }
  if (f.cursor !== undefined) {
    const dot = f.cursor.indexOf('.');
    const at = Number(f.cursor.slice(0, dot));
    const id = f.cursor.slice(dot + 1);
    q = q.where((eb) =>
      eb.or([
        eb('m.createdAt', '<', at),
        eb.and([eb('m.createdAt', '=', at), eb('m.id', '<', id)]),
      ]),
    );
  }
  return await q.orderBy('m.createdAt', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
}

export type MessageListRow = Awaited<ReturnType<typeof listMessages>>[number];

/** One message with everything the log's detail shows. */
export async function findMessage(ex: Executor, id: string) {
  return await base(ex)
    .select([
      ...LIST_COLUMNS,
      'm.conversationId',
      'm.sentAt',
      'm.deliveredAt',
      'm.readAt',
      'm.playedAt',
      'm.failedAt',
      'm.errorTitle',
      'm.errorMessage',
      'm.errorDetails',
      'm.pricingCategory',
      'm.pricingType',
      'm.pricingBillable',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
