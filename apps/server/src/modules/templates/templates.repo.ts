import { type Insertable, type Selectable, type Updateable } from 'kysely';
import { textMatch, dialectOf } from '../../db/dialect';
import type { TemplatesTables } from './templates.tables';
import type { Executor } from '../../db/executor';

export type TemplateRow = Selectable<TemplatesTables['waTemplates']>;
export type TemplateEventRow = Selectable<TemplatesTables['waTemplateEvents']>;

const columns = [
  'id',
  'accountId',
  'metaId',
  'name',
  'language',
  'category',
  'status',
  'parameterFormat',
  'components',
  'rejectedReason',
  'qualityScore',
  'previousCategory',
  'syncedAt',
  'createdAt',
  'updatedAt',
] as const;

export interface TemplateFilter {
  accountId?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  language?: string | undefined;
  search?: string | undefined;
}

/** Templates matching the filter, by name then language. */
export async function listTemplateRows(
  ex: Executor,
  filter: TemplateFilter = {},
): Promise<TemplateRow[]> {
  let q = ex.selectFrom('waTemplates').select(columns);
  if (filter.accountId !== undefined) q = q.where('accountId', '=', filter.accountId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.category !== undefined) q = q.where('category', '=', filter.category);
  if (filter.language !== undefined) q = q.where('language', '=', filter.language);
  if (filter.search !== undefined && filter.search !== '') {
    q = q.where(textMatch(dialectOf(ex), 'name', filter.search));
  }
  return q.orderBy('name').orderBy('language').limit(5000).execute();
}

export async function findTemplateRow(ex: Executor, id: string): Promise<TemplateRow | undefined> {
  return ex.selectFrom('waTemplates').select(columns).where('id', '=', id).executeTakeFirst();
}

/** A template by Meta's id within an account. */
export async function findTemplateRowByMetaId(
  ex: Executor,
  accountId: string,
  metaId: string,
): Promise<TemplateRow | undefined> {
  return ex
    .selectFrom('waTemplates')
    .select(columns)
    .where('accountId', '=', accountId)
    .where('metaId', '=', metaId)
    .executeTakeFirst();
}

export async function findTemplateRowByName(
  ex: Executor,
  accountId: string,
  name: string,
  language: string,
): Promise<TemplateRow | undefined> {
  return ex
    .selectFrom('waTemplates')
    .select(columns)
    .where('accountId', '=', accountId)
    .where('name', '=', name)
    .where('language', '=', language)
    .executeTakeFirst();
}

export async function insertTemplateRow(
  ex: Executor,
  row: Insertable<TemplatesTables['waTemplates']>,
): Promise<void> {
  await ex.insertInto('waTemplates').values(row).execute();
}

export async function updateTemplateRow(
  ex: Executor,
  id: string,
  patch: Updateable<TemplatesTables['waTemplates']>,
): Promise<void> {
  await ex.updateTable('waTemplates').set(patch).where('id', '=', id).execute();
}

/** Deletes one language version, or every language of a name when `language` is absent. */
export async function deleteTemplateRows(
  ex: Executor,
  accountId: string,
  name: string,
  language?: string,
): Promise<number> {
  let q = ex.deleteFrom('waTemplates').where('accountId', '=', accountId).where('name', '=', name);
  if (language !== undefined) q = q.where('language', '=', language);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every template of an account (no cap: a verified WABA may hold 6,000). */
export async function listAccountTemplateRows(
  ex: Executor,
  accountId: string,
): Promise<TemplateRow[]> {
  return ex.selectFrom('waTemplates').select(columns).where('accountId', '=', accountId).execute();
}

/**
 * Deletes the account's templates created up to `createdUpTo` whose ids are not in `keep`
 * (gone at Meta); returns how many.
 */
export async function deleteTemplateRowsNotIn(
  ex: Executor,
  accountId: string,
  keep: readonly string[],
  createdUpTo: number,
): Promise<number> {
  let q = ex
    .deleteFrom('waTemplates')
    .where('accountId', '=', accountId)
    .where('createdAt', '<=', createdUpTo);
  if (keep.length > 0) q = q.where('id', 'not in', keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertTemplateEventRow(
  ex: Executor,
  row: Insertable<TemplatesTables['waTemplateEvents']>,
): Promise<void> {
  await ex.insertInto('waTemplateEvents').values(row).execute();
}

/** A template's history, newest first. */
export async function listTemplateEventRows(
  ex: Executor,
  templateId: string,
): Promise<TemplateEventRow[]> {
  return ex
    .selectFrom('waTemplateEvents')
    .selectAll()
    .where('templateId', '=', templateId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
