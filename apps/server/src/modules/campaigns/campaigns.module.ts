import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { registerCampaignTables } from './campaigns.privacy';

/** Campaigns (issue 15): drafts, audience, pre-flight, launch and run control. */
export function createCampaignsModule(ctx: AppContext): Module {
  void ctx;
  registerCampaignTables();
  return { name: 'campaigns' };
}
