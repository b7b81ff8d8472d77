import type { Selectable } from 'kysely';
import type { Executor } from '../../../db/executor';
import type { ContactWhere } from '../contacts.list.repo';
import type { ContactImportsTables } from './imports.tables';

export type ExportRow = Selectable<ContactImportsTables['contactExports']>;

export async function insertExport(ex: Executor, row: ExportRow): Promise<void> {
  await ex.insertInto('contactExports').values(row).execute();
}

export async function findExport(ex: Executor, id: string): Promise<ExportRow | undefined> {
  return await ex.selectFrom('contactExports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function finishExport(
  ex: Executor,
  id: string,
  end: { rowCount: number; fileKey: string; now: number },
): Promise<void> {
  await ex
    .updateTable('contactExports')
    .set({
      status: 'done',
      rowCount: end.rowCount,
      fileKey: end.fileKey,
      updatedAt: end.now,
      finishedAt: end.now,
    })
    .where('id', '=', id)
    .execute();
}

/** A page of matching contacts after `afterId`, in id order (keyset paging: flat cost). */
export async function pageContacts(
  ex: Executor,
  where: ContactWhere,
  afterId: string,
  limit: number,
) {
  return await ex
    .selectFrom('contacts')
    .select([
      'id',
      'phoneE164',
      'name',
      'profileName',
      'language',
      'country',
      'attributes',
      'marketingConsent',
      'createdAt',
    ])
    .where(where)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
