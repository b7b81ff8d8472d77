import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CampaignStatus } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { Database } from '../../db/schema';
import { dialectOf, textMatch } from '../../db/dialect';
import { deleteCounts } from './campaigns.counts.repo';

export type CampaignRow = Selectable<Database['campaigns']>;
export type NewCampaignRow = Insertable<Database['campaigns']>;
export type CampaignPatch = Updateable<Database['campaigns']>;

export async function insertCampaign(tx: Executor, row: NewCampaignRow): Promise<void> {
  await tx.insertInto('campaigns').values(row).execute();
}

export async function findCampaign(ex: Executor, id: string): Promise<CampaignRow | undefined> {
  return ex.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates a campaign unconditionally (the caller checked its state in the same transaction). */
export async function updateCampaign(
  tx: Executor,
  id: string,
  patch: CampaignPatch,
): Promise<void> {
  await tx.updateTable('campaigns').set(patch).where('id', '=', id).execute();
}

/**
 * Moves a campaign from one of `from` to a new status, with `patch`; false when it was in no
 * such status (a concurrent change won). The compare-and-set keeps transitions atomic across
 * processes without a lock.
 */
export async function transitionCampaign(
  tx: Executor,
  id: string,
  from: readonly CampaignStatus[],
  patch: CampaignPatch & { status: CampaignStatus },
): Promise<boolean> {
  const result = await tx
    .updateTable('campaigns')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CampaignListFilter {
  status?: CampaignStatus;
  phoneNumberId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** One page of campaigns, newest first, and the total matching. */
export async function listCampaigns(
  ex: Executor,
  filter: CampaignListFilter,
): Promise<{ rows: CampaignRow[]; total: number }> {
  let query = ex.selectFrom('campaigns');
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.phoneNumberId !== undefined)
    query = query.where('phoneNumberId', '=', filter.phoneNumberId);
  if (filter.q !== undefined && filter.q !== '')
    query = query.where(textMatch(dialectOf(ex), 'campaigns.name', filter.q));
  const total = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Deletes a campaign with its recipients and counters. */
export async function deleteCampaign(tx: Executor, id: string): Promise<void> {
  await tx.deleteFrom('campaignRecipients').where('campaignId', '=', id).execute();
  await deleteCounts(tx, id);
  await tx.deleteFrom('campaignSendLog').where('campaignId', '=', id).execute();
  await tx.deleteFrom('campaigns').where('id', '=', id).execute();
}

/** The sending number as the accounts module stores it (Meta's phone number id). */
export async function findPhoneNumber(ex: Executor, phoneNumberId: string) {
  return ex
    .selectFrom('waPhoneNumbers')
    .innerJoin('waAccounts', 'waAccounts.id', 'waPhoneNumbers.accountId')
    .select([
      'waPhoneNumbers.accountId',
      'waPhoneNumbers.phoneNumberId',
      'waPhoneNumbers.displayPhoneNumber',
      'waPhoneNumbers.qualityRating',
      'waPhoneNumbers.throughputLevel',
      'waPhoneNumbers.status',
      'waAccounts.messagingLimitTier',
      'waAccounts.restriction',
      'waAccounts.wabaId',
    ])
    .where('waPhoneNumbers.phoneNumberId', '=', phoneNumberId)
    .executeTakeFirst();
}

export async function findTemplate(ex: Executor, id: string) {
  return ex
    .selectFrom('waTemplates')
    .select([
      'id',
      'accountId',
      'name',
      'language',
      'category',
      'status',
      'qualityScore',
      'parameterFormat',
      'components',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every connected number with its account, by account name then number. */
function numbersWithAccounts(ex: Executor) {
  return ex
    .selectFrom('waPhoneNumbers')
    .innerJoin('waAccounts', 'waAccounts.id', 'waPhoneNumbers.accountId')
    .select([
      'waPhoneNumbers.phoneNumberId',
      'waPhoneNumbers.accountId',
      'waAccounts.name as accountName',
      'waPhoneNumbers.displayPhoneNumber',
      'waPhoneNumbers.verifiedName',
      'waPhoneNumbers.qualityRating',
      'waPhoneNumbers.status',
    ])
    .orderBy('waAccounts.name')
    .orderBy('waPhoneNumbers.displayPhoneNumber');
}

/** Every number with its throughput and its portfolio's messaging limit tier. */
export async function listNumberHealthRows(ex: Executor) {
  return numbersWithAccounts(ex)
    .select(['waPhoneNumbers.throughputLevel', 'waAccounts.messagingLimitTier'])
    .execute();
}

/**
 * A number's newest health changes since a time, newest first: its own and its
 * portfolio's (rows without a number). Read per number, so a busy number never crowds the
 * others out of their history.
 */
export async function listHealthChangesSince(
  ex: Executor,
  number: { accountId: string; phoneNumberId: string },
  since: number,
  limit: number,
) {
  return ex
    .selectFrom('waHealthEvents')
    .select(['accountId', 'phoneNumberId', 'kind', 'previousValue', 'newValue', 'severity', 'at'])
    .where('accountId', '=', number.accountId)
    .where('at', '>=', since)
    .where((eb) =>
      eb.or([eb('phoneNumberId', 'is', null), eb('phoneNumberId', '=', number.phoneNumberId)]),
    )
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/** Every connected number with its account, for the wizard's number picker. */
export async function listSendingNumbers(ex: Executor) {
  return numbersWithAccounts(ex).execute();
}
