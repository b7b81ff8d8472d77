import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor';
import { tagNameKey, type ContactsTables } from './contacts.tables';
import type { ContactWhere } from './contacts.list.repo';

export type TagRow = Selectable<ContactsTables['tags']>;

/** Every tag with how many contacts carry it, by name. */
export async function listTagsWithCounts(
  ex: Executor,
): Promise<Array<TagRow & { contactCount: number }>> {
  const rows = await ex
    .selectFrom('tags')
    .leftJoin('contactTags', 'contactTags.tagId', 'tags.id')
    .select(['tags.id', 'tags.name', 'tags.nameKey', 'tags.colour', 'tags.createdAt'])
    .select((eb) => eb.fn.count<number | string>('contactTags.contactId').as('contactCount'))
    .groupBy(['tags.id', 'tags.name', 'tags.nameKey', 'tags.colour', 'tags.createdAt'])
    .orderBy('tags.nameKey')
    .execute();
  return rows.map((r) => ({
    ...r,
    createdAt: Number(r.createdAt),
    contactCount: Number(r.contactCount),
  }));
}

/** One tag by id. */
export async function findTag(ex: Executor, id: string): Promise<TagRow | undefined> {
  return await ex.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One tag by name, case-insensitively. */
export async function findTagByName(ex: Executor, name: string): Promise<TagRow | undefined> {
  return await ex
    .selectFrom('tags')
    .selectAll()
    .where('nameKey', '=', tagNameKey(name))
    .executeTakeFirst();
}

/** The ids among `ids` that name existing tags. */
export async function existingTagIds(ex: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await ex.selectFrom('tags').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Creates a tag; returns its row. */
export async function insertTag(
  ex: Executor,
  input: { name: string; colour: string | null },
  now: number,
): Promise<TagRow> {
  const row: TagRow = {
    id: randomUUID(),
    name: input.name.trim(),
    nameKey: tagNameKey(input.name),
    colour: input.colour,
    createdAt: now,
  };
  await ex.insertInto('tags').values(row).execute();
  return row;
}

/** Renames or recolours a tag. */
export async function updateTag(
  ex: Executor,
  id: string,
  input: { name: string; colour: string | null },
): Promise<void> {
  await ex
    .updateTable('tags')
    .set({ name: input.name.trim(), nameKey: tagNameKey(input.name), colour: input.colour })
    .where('id', '=', id)
    .execute();
}

/** Deletes a tag and takes it off every contact. */
export async function deleteTag(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('contactTags').where('tagId', '=', id).execute();
  await ex.deleteFrom('tags').where('id', '=', id).execute();
}

/** The tags of each contact of `contactIds`. */
export async function tagsOfContacts(
  ex: Executor,
  contactIds: readonly string[],
): Promise<Array<{ contactId: string; id: string; name: string; colour: string | null }>> {
  if (contactIds.length === 0) return [];
  return await ex
    .selectFrom('contactTags')
    .innerJoin('tags', 'tags.id', 'contactTags.tagId')
    .select(['contactTags.contactId', 'tags.id', 'tags.name', 'tags.colour'])
    .where('contactTags.contactId', 'in', contactIds)
    .orderBy('tags.nameKey')
    .execute();
}

/**
 * Puts the tags on every contact matching `where`, in one INSERT … SELECT whatever the
 * number of contacts; a contact already carrying a tag keeps it. Returns rows added.
 */
export async function addTagsWhere(
  ex: Executor,
  where: ContactWhere,
  tagIds: readonly string[],
  now: number,
): Promise<number> {
  let added = 0;
  for (const tagId of new Set(tagIds)) {
    const result = await ex
      .insertInto('contactTags')
      .columns(['contactId', 'tagId', 'createdAt'])
      .expression((eb) =>
        eb
          .selectFrom('contacts')
          .select((s) => ['contacts.id', s.val(tagId).as('tagId'), s.val(now).as('createdAt')])
          .where(where),
      )
      .onConflict((oc) => oc.columns(['contactId', 'tagId']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Takes the tags off every contact matching `where`; returns rows removed. */
export async function removeTagsWhere(
  ex: Executor,
  where: ContactWhere,
  tagIds: readonly string[],
): Promise<number> {
  const result = await ex
    .deleteFrom('contactTags')
    .where('tagId', 'in', tagIds)
    .where('contactId', 'in', (eb) => eb.selectFrom('contacts').select('contacts.id').where(where))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Moves the tags of contact `fromId` to `intoId` (a merge); tags both carry stay once. */
export async function moveContactTags(ex: Executor, fromId: string, intoId: string): Promise<void> {
  const rows = await ex
    .selectFrom('contactTags')
    .select(['tagId', 'createdAt'])
    .where('contactId', '=', fromId)
    .execute();
  if (rows.length === 0) return;
  await ex
    .insertInto('contactTags')
    .values(rows.map((r) => ({ contactId: intoId, tagId: r.tagId, createdAt: r.createdAt })))
    .onConflict((oc) => oc.columns(['contactId', 'tagId']).doNothing())
    .execute();
  await ex.deleteFrom('contactTags').where('contactId', '=', fromId).execute();
}

/** Makes `tagIds` the exact tag set of one contact. */
export async function setContactTags(
  ex: Executor,
  contactId: string,
  tagIds: readonly string[],
  now: number,
): Promise<void> {
  await ex
    .deleteFrom('contactTags')
    .where('contactId', '=', contactId)
    .$if(tagIds.length > 0, (q) => q.where('tagId', 'not in', tagIds))
    .execute();
  if (tagIds.length === 0) return;
  await ex
    .insertInto('contactTags')
    .values([...new Set(tagIds)].map((tagId) => ({ contactId, tagId, createdAt: now })))
    .onConflict((oc) => oc.columns(['contactId', 'tagId']).doNothing())
    .execute();
}
