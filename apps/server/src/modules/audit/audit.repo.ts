import type { Db } from '../../db/database';
import { textMatch } from '../../db/dialect';
import type { AuditTables } from './audit.tables';

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
export async function insertAuditRow(db: Db, row: AuditRow): Promise<void> {
  await db.kysely.insertInto('auditLog').values(row).execute();
}

function filtered(db: Db, filter: AuditFilter) {
  let q = db.kysely.selectFrom('auditLog');
  if (filter.action !== undefined && filter.action !== '') {
    q = q.where(textMatch(db.dialect, 'action', filter.action, 'prefix'));
  }
  if (filter.actor !== undefined && filter.actor !== '') {
    const actor = filter.actor;
    q = q.where((eb) =>
      eb.or([textMatch(db.dialect, 'actorName', actor), eb('actorId', '=', actor)]),
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
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const rows = await filtered(db, filter)
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
  const count = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

/** Deletes records older than the cut-off (the retention policy); returns how many. */
export async function purgeAuditBefore(db: Db, cutoff: number): Promise<number> {
  const result = await db.kysely.deleteFrom('auditLog').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
