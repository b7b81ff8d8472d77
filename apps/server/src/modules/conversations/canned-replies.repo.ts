import type { Executor } from '../../db/executor';

/** A canned reply as stored. */
export interface CannedReplyRow {
  id: string;
  shortcut: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

const columns = ['id', 'shortcut', 'text', 'createdAt', 'updatedAt'] as const;

const toRow = (r: CannedReplyRow): CannedReplyRow => ({
  ...r,
  createdAt: Number(r.createdAt),
  updatedAt: Number(r.updatedAt),
});

/** Every canned reply, by shortcut. */
export async function listCannedReplies(ex: Executor): Promise<CannedReplyRow[]> {
  const rows = await ex.selectFrom('cannedReplies').select(columns).orderBy('shortcut').execute();
  return rows.map(toRow);
}

export async function findCannedReply(
  ex: Executor,
  id: string,
): Promise<CannedReplyRow | undefined> {
  const row = await ex
    .selectFrom('cannedReplies')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** The reply with this shortcut (shortcuts are unique). */
export async function findCannedReplyByShortcut(
  ex: Executor,
  shortcut: string,
): Promise<CannedReplyRow | undefined> {
  const row = await ex
    .selectFrom('cannedReplies')
    .select(columns)
    .where('shortcut', '=', shortcut)
    .executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

export async function insertCannedReply(ex: Executor, row: CannedReplyRow): Promise<void> {
  await ex.insertInto('cannedReplies').values(row).execute();
}

export async function updateCannedReply(
  ex: Executor,
  id: string,
  fields: Pick<CannedReplyRow, 'shortcut' | 'text' | 'updatedAt'>,
): Promise<void> {
  await ex.updateTable('cannedReplies').set(fields).where('id', '=', id).execute();
}

/** True when a row was deleted. */
export async function deleteCannedReply(ex: Executor, id: string): Promise<boolean> {
  const r = await ex.deleteFrom('cannedReplies').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
