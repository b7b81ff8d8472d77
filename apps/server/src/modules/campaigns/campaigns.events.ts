import type { CampaignStatus, RecipientStatus } from '@kiana/contracts';

/** Events of campaigns: notifications for the live pages (state lives in the database). */
declare module '../../events/bus' {
  interface EventMap {
    'campaigns.changed': { campaignId: string; status: CampaignStatus };
    'campaigns.progress': { campaignId: string; counts: Record<RecipientStatus, number> };
  }
}

export {};
