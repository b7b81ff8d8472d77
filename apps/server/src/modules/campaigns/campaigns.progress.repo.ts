import type { RecipientListQuery, RecipientStatus } from '@kiana/contracts';
import { dialectOf, textMatch } from '../../db/dialect';
import type { Executor } from '../../db/executor';

/** The campaign's sends per second since `fromSecond` (epoch seconds), oldest first. */
export async function sendSeries(
  ex: Executor,
  campaignId: string,
  fromSecond: number,
): Promise<[number, number][]> {
  const rows = await ex
    .selectFrom('campaignSendLog')
    .select(['second', (eb) => eb.fn.sum<number>('sent').as('sent')])
    .where('campaignId', '=', campaignId)
    .where('second', '>=', fromSecond)
    .groupBy('second')
    .orderBy('second')
    .execute();
  return rows.map((r) => [Number(r.second), Number(r.sent)]);
}

/** A recipient row with its contact's name, as the recipients table shows it. */
export interface RecipientListRow {
  id: number;
  contactId: string | null;
  contactName: string | null;
  profileName: string | null;
  phoneE164: string;
  status: string;
  reason: string | null;
  dueAt: number;
  attempts: number;
  wamid: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetail: string | null;
  failureKind: string | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  failedAt: number | null;
  repliedAt: number | null;
  optedOutAt: number | null;
  updatedAt: number;
}

export type RecipientFilter = Omit<RecipientListQuery, 'page' | 'pageSize' | 'after'>;

function filtered(ex: Executor, campaignId: string, f: RecipientFilter) {
  let q = ex
    .selectFrom('campaignRecipients as r')
    .leftJoin('contacts as c', 'c.id', 'r.contactId')
    .where('r.campaignId', '=', campaignId);
  if (f.status !== undefined) q = q.where('r.status', '=', f.status);
  if (f.reason !== undefined) q = q.where('r.reason', '=', f.reason);
  if (f.errorCode !== undefined) q = q.where('r.errorCode', '=', f.errorCode);
  if (f.q !== undefined && f.q !== '') {
    const d = dialectOf(ex);
    const text = f.q;
    // A number is searched by its digits, however it was typed ("+1 555-0100").
    const digits = text.replace(/[^\d]/g, '');
    q = q.where((eb) =>
      eb.or([
        ...(digits.length > 0 ? [textMatch(d, 'r.phoneE164', digits)] : []),
        textMatch(d, 'c.name', text),
        textMatch(d, 'c.profileName', text),
      ]),
    );
  }
  return q;
}

/** True when the filter is at most a status: the maintained counts give the total. */
export function isCountable(f: RecipientFilter): boolean {
  return f.reason === undefined && f.errorCode === undefined && (f.q ?? '') === '';
}

export async function countRecipients(
  ex: Executor,
  campaignId: string,
  f: RecipientFilter,
): Promise<number> {
  const row = await filtered(ex, campaignId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page in id order: after a cursor (keyset), or at an offset. */
export async function listRecipients(
  ex: Executor,
  campaignId: string,
  f: RecipientFilter,
  page: { after?: number; offset: number; limit: number },
): Promise<RecipientListRow[]> {
  let q = filtered(ex, campaignId, f).select([
    'r.id',
    'r.contactId',
    'c.name as contactName',
    'c.profileName',
    'r.phoneE164',
    'r.status',
    'r.reason',
    'r.dueAt',
    'r.attempts',
    'r.wamid',
    'r.errorCode',
    'r.errorTitle',
    'r.errorDetail',
    'r.failureKind',
    'r.sentAt',
    'r.deliveredAt',
    'r.readAt',
    'r.failedAt',
    'r.repliedAt',
    'r.optedOutAt',
    'r.updatedAt',
  ]);
  q = page.after !== undefined ? q.where('r.id', '>', page.after) : q.offset(page.offset);
  const rows = await q.orderBy('r.id').limit(page.limit).execute();
  const n = (v: number | string | null): number | null => (v === null ? null : Number(v));
  // bigint columns come back as strings on PostgreSQL.
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    dueAt: Number(r.dueAt),
    attempts: Number(r.attempts),
    errorCode: n(r.errorCode),
    sentAt: n(r.sentAt),
    deliveredAt: n(r.deliveredAt),
    readAt: n(r.readAt),
    failedAt: n(r.failedAt),
    repliedAt: n(r.repliedAt),
    optedOutAt: n(r.optedOutAt),
    updatedAt: Number(r.updatedAt),
  }));
}

export type { RecipientStatus };
