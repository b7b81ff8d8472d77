import {
  pricingCategorySchema,
  type CampaignSettings,
  type RateCardRow,
  type NumberHealth,
  type RateCardUpdate,
  type SendingNumber,
} from '@kiana/contracts';
import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { SettingsStore } from '../../platform/settings/settings';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { listRateCard, replaceRateCard, type RateRow } from './campaigns.ratecard.repo';
import { listSendingNumbers } from './campaigns.repo';
import { approvalRequiredSetting } from './campaigns.settings';
import { numberHealth } from './campaigns.numbers';

/** What admins set for every campaign: the rate card and approval; and the numbers to send from. */
export interface CampaignAdmin {
  rateCard(): Promise<{ rows: RateCardRow[] }>;
  replaceRateCard(input: RateCardUpdate, who: AuditContext): Promise<{ rows: RateCardRow[] }>;
  settings(): Promise<CampaignSettings>;
  updateSettings(input: CampaignSettings, who: AuditContext): Promise<CampaignSettings>;
  sendingNumbers(): Promise<{ numbers: SendingNumber[] }>;
  /** The numbers' health now and its changes since a time (the dashboard's panel). */
  numberHealth(since: number): Promise<{ numbers: NumberHealth[] }>;
}

function toRow(r: RateRow): RateCardRow {
  return {
    ...r,
    category: pricingCategorySchema.parse(r.category),
    isExample: r.isExample === 1,
  };
}

export function createCampaignAdmin(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  settings: SettingsStore;
}): CampaignAdmin {
  const k = deps.db.kysely;
  const rateCard = async () => ({ rows: (await listRateCard(k)).map(toRow) });
  const settings = async () => ({
    approvalRequired: (await deps.settings.get(k, approvalRequiredSetting)).value,
  });
  return {
    rateCard,
    async replaceRateCard(input, who) {
      await k.transaction().execute(async (tx) => {
        const by = who.actor.name ?? who.actor.id ?? who.actor.type;
        const { changed, removed } = await replaceRateCard(tx, input.rows, deps.clock.now(), by);
        await deps.audit.record(tx, {
          ...who,
          action: 'campaign.rate_card.update',
          target: { type: 'rate_card', id: 'rate_card' },
          details: { rows: input.rows.length, changed, removed },
        });
      });
      return rateCard();
    },
    settings,
    async updateSettings(input, who) {
      await deps.settings.update(approvalRequiredSetting, input.approvalRequired, (tx) =>
        deps.audit.record(tx, {
          ...who,
          action: 'campaign.settings.update',
          target: { type: 'setting', id: approvalRequiredSetting.key },
          details: { approvalRequired: input.approvalRequired },
        }),
      );
      return settings();
    },
    async sendingNumbers() {
      return { numbers: await listSendingNumbers(k) };
    },
    numberHealth: (since) => numberHealth(k, since, deps.clock.now()),
  };
}
