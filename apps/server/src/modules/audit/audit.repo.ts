import { textMatch, dialectOf } from '../../db/dialect';
import type { AuditTables } from './audit.tables';
import type { Executor } from '../../db/executor';

export type AuditRow = AuditTables['auditLog'];

/** Filters of a security-log query; timestamps are epoch ms. */
export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: string;
  ip?: string;
  from?: number;
  to?: number;
}

/** Appends one record. There is deliberately no update; only `purgeBefore` deletes. */
export async function insertAuditRow(ex: Executor, row: AuditRow): Promise<void> {
  await ex.insertInto('auditLog').values(row).execute();
}

function filtered(ex: Executor, filter: AuditFilter) {
  let q = ex.selectFrom('auditLog');
  if (filter.action !== undefined && filter.action !== '') {
    q = q.where(textMatch(dialectOf(ex), 'action', filter.action, 'prefix'));
  }
  if (filter.actor !== undefined && filter.actor !== '') {
    const actor = filter.actor;
    q = q.where((eb) =>
      eb.or([textMatch(dialectOf(ex), 'actorName', actor), eb('actorId', '=', actor)]),
    );
  }
  if (filter.outcome !== undefined) q = q.where('outcome', '=', filter.outcome);
  if (filter.ip !== undefined && filter.ip !== '') q = q.where('ip', '=', filter.ip);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<=', filter.to);
  return q;
}

/** One page of records, newest first, and the total matching. */
export async function listAuditRows(
  ex: Executor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const rows = await filtered(ex, filter)
    .select([
      'id',
      'at',
      'actorType',
      'actorId',
      'actorName',
      'action',
      'outcome',
      'targetType',
      'targetId',
      'ip',
      'userAgent',
      'details',
    ])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await filtered(ex, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

/** Deletes records older than the cut-off (the retention policy); returns how many. */
export async function purgeAuditBefore(ex: Executor, cutoff: number): Promise<number> {
  const result = await ex.deleteFrom('auditLog').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
