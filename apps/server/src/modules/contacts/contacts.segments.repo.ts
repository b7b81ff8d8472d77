import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor';
import type { ContactsTables } from './contacts.tables';

export type SegmentRow = Selectable<ContactsTables['segments']>;

/** Every saved segment, by name. */
export async function listSegments(ex: Executor): Promise<SegmentRow[]> {
  return await ex.selectFrom('segments').selectAll().orderBy('name').orderBy('id').execute();
}

/** One segment by id. */
export async function findSegment(ex: Executor, id: string): Promise<SegmentRow | undefined> {
  return await ex.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Saves a new segment; returns its row. */
export async function insertSegment(
  ex: Executor,
  input: { name: string; filterJson: string; createdBy: string | null },
  now: number,
): Promise<SegmentRow> {
  const row: SegmentRow = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
  await ex.insertInto('segments').values(row).execute();
  return row;
}

/** Renames a segment or changes its filter. */
export async function updateSegment(
  ex: Executor,
  id: string,
  input: { name: string; filterJson: string },
  now: number,
): Promise<void> {
  await ex
    .updateTable('segments')
    .set({ ...input, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes a segment. */
export async function deleteSegment(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('segments').where('id', '=', id).execute();
}
