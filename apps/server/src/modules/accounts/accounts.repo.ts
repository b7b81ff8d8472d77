import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AccountsTables } from './accounts.tables';
import type { Executor } from '../../db/executor';

export type AccountRow = Selectable<AccountsTables['waAccounts']>;
export type PhoneNumberRow = Selectable<AccountsTables['waPhoneNumbers']>;
export type HealthEventRow = Selectable<AccountsTables['waHealthEvents']>;
export type WebhookHealthRow = Selectable<AccountsTables['waWebhookHealth']>;

const accountColumns = [
  'id',
  'name',
  'wabaId',
  'appId',
  'apiVersion',
  'accessToken',
  'appSecret',
  'verifyToken',
  'connectionStatus',
  'connectionError',
  'checkedAt',
  'wabaName',
  'messagingLimitTier',
  'reviewStatus',
  'restriction',
  'createdAt',
  'updatedAt',
] as const;

const numberColumns = [
  'id',
  'accountId',
  'phoneNumberId',
  'displayPhoneNumber',
  'verifiedName',
  'qualityRating',
  'throughputLevel',
  'nameStatus',
  'status',
  'refreshedAt',
  'createdAt',
] as const;

/** Every account, oldest first. */
export async function listAccountRows(ex: Executor): Promise<AccountRow[]> {
  return ex
    .selectFrom('waAccounts')
    .select(accountColumns)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** One account by id. */
export async function findAccountRow(ex: Executor, id: string): Promise<AccountRow | undefined> {
  return ex.selectFrom('waAccounts').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

/** One account by its WABA id. */
export async function findAccountRowByWabaId(
  ex: Executor,
  wabaId: string,
): Promise<AccountRow | undefined> {
  return ex
    .selectFrom('waAccounts')
    .select(accountColumns)
    .where('wabaId', '=', wabaId)
    .executeTakeFirst();
}

export async function insertAccountRow(
  ex: Executor,
  row: Insertable<AccountsTables['waAccounts']>,
): Promise<void> {
  await ex.insertInto('waAccounts').values(row).execute();
}

export async function updateAccountRow(
  ex: Executor,
  id: string,
  patch: Updateable<AccountsTables['waAccounts']>,
): Promise<void> {
  await ex.updateTable('waAccounts').set(patch).where('id', '=', id).execute();
}

/** Deletes an account; its numbers, health events and templates go with it (FK cascade). */
export async function deleteAccountRow(ex: Executor, id: string): Promise<boolean> {
  const result = await ex.deleteFrom('waAccounts').where('id', '=', id).executeTakeFirst();
  await ex.deleteFrom('waWebhookHealth').where('key', '=', id).execute();
  return Number(result.numDeletedRows) > 0;
}

/** Phone numbers of one account (or of all accounts), by display number. */
export async function listPhoneNumberRows(
  ex: Executor,
  accountId?: string,
): Promise<PhoneNumberRow[]> {
  let q = ex.selectFrom('waPhoneNumbers').select(numberColumns);
  if (accountId !== undefined) q = q.where('accountId', '=', accountId);
  return q.orderBy('displayPhoneNumber').execute();
}

/** A number by Meta's phone number id. */
export async function findPhoneNumberRow(
  ex: Executor,
  phoneNumberId: string,
): Promise<PhoneNumberRow | undefined> {
  return ex
    .selectFrom('waPhoneNumbers')
    .select(numberColumns)
    .where('phoneNumberId', '=', phoneNumberId)
    .executeTakeFirst();
}

/** Inserts or refreshes a number, keyed by Meta's phone number id. */
export async function upsertPhoneNumberRow(
  ex: Executor,
  row: Insertable<AccountsTables['waPhoneNumbers']>,
): Promise<void> {
  await ex
    .insertInto('waPhoneNumbers')
    .values(row)
    .onConflict((oc) =>
      oc.column('phoneNumberId').doUpdateSet({
        accountId: row.accountId,
        displayPhoneNumber: row.displayPhoneNumber,
        verifiedName: row.verifiedName ?? null,
        qualityRating: row.qualityRating ?? null,
        throughputLevel: row.throughputLevel ?? null,
        nameStatus: row.nameStatus ?? null,
        status: row.status ?? null,
        refreshedAt: row.refreshedAt,
      }),
    )
    .execute();
}

export async function updatePhoneNumberRow(
  ex: Executor,
  phoneNumberId: string,
  patch: Updateable<AccountsTables['waPhoneNumbers']>,
): Promise<void> {
  await ex
    .updateTable('waPhoneNumbers')
    .set(patch)
    .where('phoneNumberId', '=', phoneNumberId)
    .execute();
}

/** Removes numbers of an account that Meta no longer lists. */
export async function deletePhoneNumbersNotIn(
  ex: Executor,
  accountId: string,
  keep: readonly string[],
): Promise<void> {
  let q = ex.deleteFrom('waPhoneNumbers').where('accountId', '=', accountId);
  if (keep.length > 0) q = q.where('phoneNumberId', 'not in', keep);
  await q.execute();
}

export async function insertHealthEventRow(
  ex: Executor,
  row: Insertable<AccountsTables['waHealthEvents']>,
): Promise<void> {
  await ex.insertInto('waHealthEvents').values(row).execute();
}

/** Health history, newest first. */
export async function listHealthEventRows(
  ex: Executor,
  filter: { accountId?: string; alertsOnly?: boolean; limit: number },
): Promise<HealthEventRow[]> {
  let q = ex.selectFrom('waHealthEvents').selectAll();
  if (filter.accountId !== undefined) q = q.where('accountId', '=', filter.accountId);
  if (filter.alertsOnly === true)
    q = q.where('severity', '!=', 'info').where('acknowledgedAt', 'is', null);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Marks an alert as seen; false when there is no such open alert. */
export async function acknowledgeHealthEventRow(
  ex: Executor,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await ex
    .updateTable('waHealthEvents')
    .set({ acknowledgedAt: at })
    .where('id', '=', id)
    .where('acknowledgedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the latest webhook delivery or signature failure for a key. */
export async function upsertWebhookHealthRow(
  ex: Executor,
  key: string,
  patch: { lastReceivedAt?: number; lastSignatureFailureAt?: number },
): Promise<void> {
  await ex
    .insertInto('waWebhookHealth')
    .values({
      key,
      lastReceivedAt: patch.lastReceivedAt ?? null,
      lastSignatureFailureAt: patch.lastSignatureFailureAt ?? null,
    })
    .onConflict((oc) => oc.column('key').doUpdateSet(patch))
    .execute();
}

export async function listWebhookHealthRows(ex: Executor): Promise<WebhookHealthRow[]> {
  return ex.selectFrom('waWebhookHealth').selectAll().execute();
}
