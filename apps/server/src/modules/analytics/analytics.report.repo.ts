import type { Executor } from '../../db/executor';

/**
 * The campaign facts a report needs: the campaign row and its counters (maintained with
 * every recipient change), and the report's hourly curve rows. Never the messages table.
 */
export async function findCampaignForReport(ex: Executor, id: string) {
  return await ex
    .selectFrom('campaigns')
    .select([
      'id',
      'name',
      'status',
      'templateName',
      'templateCategory',
      'launchedAt',
      'startedAt',
      'finishedAt',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The campaign's counters: recipients per status, and the opt-out tally. */
export async function campaignCounters(ex: Executor, id: string): Promise<Map<string, number>> {
  const rows = await ex
    .selectFrom('campaignCounts')
    .select(['status', 'count'])
    .where('campaignId', '=', id)
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.count)]));
}

/** The report's hourly rows of a campaign in [from, to), oldest first. */
export async function campaignHours(ex: Executor, id: string, from: number, to: number) {
  const rows = await ex
    .selectFrom('analyticsCampaignHours')
    .select(['hourStart', 'sent', 'delivered', 'read', 'replied'])
    .where('campaignId', '=', id)
    .where('hourStart', '>=', from)
    .where('hourStart', '<', to)
    .orderBy('hourStart')
    .execute();
  return rows.map((r) => ({
    start: Number(r.hourStart),
    sent: Number(r.sent),
    delivered: Number(r.delivered),
    read: Number(r.read),
    replied: Number(r.replied),
  }));
}

/** The first hour with an event of the campaign (a campaign without a launch time). */
export async function firstCampaignHour(ex: Executor, id: string): Promise<number | null> {
  const row = await ex
    .selectFrom('analyticsCampaignHours')
    .select('hourStart')
    .where('campaignId', '=', id)
    .orderBy('hourStart')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : Number(row.hourStart);
}

/** The rate card's currency. */
export async function rateCardCurrency(ex: Executor): Promise<string> {
  const row = await ex.selectFrom('rateCard').select('currency').limit(1).executeTakeFirst();
  return row?.currency ?? 'USD';
}
