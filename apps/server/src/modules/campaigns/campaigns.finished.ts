import type { Executor } from '../../db/executor';
import { readCounts } from './campaigns.counts.repo';
import { findCampaign } from './campaigns.repo';

/** A campaign that has just moved to `completed`, with its final figures. */
export interface CampaignFinished {
  campaignId: string;
  name: string;
  /** Cumulative: every recipient Meta accepted (sent, delivered or read). */
  sent: number;
  /** Delivered or read. */
  delivered: number;
  read: number;
  failed: number;
  finishedAt: number;
}

/** Runs inside the transaction that completes the campaign; a throw rolls the move back. */
export type CampaignFinishedHandler = (tx: Executor, finished: CampaignFinished) => Promise<void>;

export interface CampaignFinishedHooks {
  /** Registers what follows a campaign's completion (module wiring, once). */
  on(handler: CampaignFinishedHandler): void;
  /** Called by whoever moved the campaign to `completed`, in that same transaction. */
  finished(tx: Executor, campaignId: string, at: number): Promise<void>;
}

/**
 * Campaigns complete in three places (the dispatcher's answers, its idle check, status
 * intake) and at materialisation when nobody is left to send to; each calls `finished` in the
 * transaction of the move, so a subscriber (outgoing webhooks' outbox) commits with it.
 */
export function createFinishedHooks(): CampaignFinishedHooks {
  const handlers: CampaignFinishedHandler[] = [];
  return {
    on(handler) {
      if (!handlers.includes(handler)) handlers.push(handler);
    },
    async finished(tx, campaignId, at) {
      if (handlers.length === 0) return;
      const campaign = await findCampaign(tx, campaignId);
      if (campaign === undefined) return;
      const c = await readCounts(tx, campaignId);
      const finished: CampaignFinished = {
        campaignId,
        name: campaign.name,
        sent: c.sent + c.delivered + c.read,
        delivered: c.delivered + c.read,
        read: c.read,
        failed: c.failed,
        finishedAt: at,
      };
      for (const handler of handlers) await handler(tx, finished);
    },
  };
}
