import type { Insertable, Selectable } from 'kysely';
import { textMatch, dialectOf } from '../../db/dialect';
import type { ApiLogTables } from './api-log.tables';
import { columnsOf, rowOf, runBulk } from '../../db/bulk';
import type { Executor } from '../../db/executor';

export type GraphApiCallRow = Selectable<ApiLogTables['graphApiCalls']>;
export type NewGraphApiCall = Insertable<ApiLogTables['graphApiCalls']>;

/** Filters of the call log. */
export interface CallFilter {
  accountId?: string | undefined;
  status?: 'ok' | 'error' | undefined;
  errorCode?: number | undefined;
  q?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** Writes one batch of calls, its statements built once per row count (db/bulk.ts). */
export async function insertCalls(ex: Executor, rows: readonly NewGraphApiCall[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(rows);
  await runBulk(
    ex,
    {
      name: `graphApiCalls.insert:${columns.join(',')}`,
      maxItems: Math.max(1, Math.floor(9_000 / columns.length)),
      width: columns.length,
      fields: (row: NewGraphApiCall) => columns.map((c) => row[c]),
      build: (b, items) =>
        b.insertInto('graphApiCalls').values(items.map((v) => rowOf<NewGraphApiCall>(columns, v))),
    },
    rows,
  );
}

/** Fills in the account of calls whose path names a known phone number or WABA. */
export async function accountsByGraphId(
  ex: Executor,
  ids: readonly string[],
): Promise<{ phones: Map<string, string>; wabas: Map<string, string> }> {
  const phones = new Map<string, string>();
  const wabas = new Map<string, string>();
  if (ids.length === 0) return { phones, wabas };
  const [numbers, accounts] = await Promise.all([
    ex
      .selectFrom('waPhoneNumbers')
      .select(['phoneNumberId', 'accountId'])
      .where('phoneNumberId', 'in', [...ids])
      .execute(),
    ex
      .selectFrom('waAccounts')
      .select(['wabaId', 'id'])
      .where('wabaId', 'in', [...ids])
      .execute(),
  ]);
  for (const n of numbers) phones.set(n.phoneNumberId, n.accountId);
  for (const a of accounts) wabas.set(a.wabaId, a.id);
  return { phones, wabas };
}

/** A page of the call log, newest first, after the keyset `cursor`. */
export async function listCalls(
  ex: Executor,
  filter: CallFilter,
  page: { limit: number; cursor?: { at: number; id: string } | undefined },
): Promise<GraphApiCallRow[]> {
  let q = ex.selectFrom('graphApiCalls').selectAll();
  if (filter.accountId !== undefined) q = q.where('accountId', '=', filter.accountId);
  if (filter.status !== undefined) q = q.where('ok', '=', filter.status === 'ok' ? 1 : 0);
  if (filter.errorCode !== undefined) q = q.where('errorCode', '=', filter.errorCode);
  if (filter.q !== undefined && filter.q !== '')
    q = q.where(textMatch(dialectOf(ex), 'path', filter.q));
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  const cursor = page.cursor;
  if (cursor !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('at', '<', cursor.at),
        eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)]),
      ]),
    );
  }
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}
