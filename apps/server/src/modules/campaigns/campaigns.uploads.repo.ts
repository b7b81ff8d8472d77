import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor';
import type { CampaignsTables } from './campaigns.tables';

export type CampaignUploadRow = Selectable<CampaignsTables['campaignUploads']>;

/** Records an uploaded file of a draft. */
export async function insertCampaignUpload(ex: Executor, row: CampaignUploadRow): Promise<void> {
  await ex.insertInto('campaignUploads').values(row).execute();
}

/** An upload of a campaign (undefined when missing or another campaign's). */
export async function findCampaignUpload(
  ex: Executor,
  campaignId: string,
  id: string,
): Promise<CampaignUploadRow | undefined> {
  return await ex
    .selectFrom('campaignUploads')
    .selectAll()
    .where('id', '=', id)
    .where('campaignId', '=', campaignId)
    .executeTakeFirst();
}

/** An upload by id alone (materialisation reads the one its campaign names). */
export async function findCampaignUploadById(
  ex: Executor,
  id: string,
): Promise<CampaignUploadRow | undefined> {
  return await ex.selectFrom('campaignUploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every upload of a campaign (to delete their files). */
export async function listCampaignUploads(
  ex: Executor,
  campaignId: string,
): Promise<CampaignUploadRow[]> {
  return await ex
    .selectFrom('campaignUploads')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .execute();
}

/** Forgets one upload row (its file is deleted first by the caller). */
export async function deleteCampaignUpload(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('campaignUploads').where('id', '=', id).execute();
}

/**
 * Uploads no campaign will read again: their campaign is gone, or it started (materialised:
 * its recipients hold the values). A crash between materialisation's commit and the file's
 * deletion leaves these behind.
 */
export async function listSpentUploads(ex: Executor, limit: number): Promise<CampaignUploadRow[]> {
  return await ex
    .selectFrom('campaignUploads')
    .leftJoin('campaigns', 'campaigns.id', 'campaignUploads.campaignId')
    .selectAll('campaignUploads')
    .where((eb) =>
      eb.or([eb('campaigns.id', 'is', null), eb('campaigns.startedAt', 'is not', null)]),
    )
    .limit(limit)
    .execute();
}
