import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { SegmentsService } from '../contacts/contacts.segments.service';
import { defaultCountrySetting, normalisePhone } from '../contacts/contacts.phone';
import type { Suppression } from '../privacy/suppression';
import type { AudienceDeps } from './campaigns.audience';
import { createCampaignControl, type CampaignControl } from './campaigns.control';
import { materialiseJobKind } from './campaigns.materialise';
import { registerCampaignTables } from './campaigns.privacy';
import { campaignsRoutes } from './campaigns.routes';
import { createCampaignsService, type CampaignsService } from './campaigns.service';

export interface CampaignsModule extends Module {
  campaigns: CampaignsService;
  control: CampaignControl;
}

/** Campaigns (issue 15): drafts, audience, pre-flight, launch and run control. */
export function createCampaignsModule(
  ctx: AppContext,
  deps: { audit: AuditService; segments: SegmentsService; suppression: Suppression },
): CampaignsModule {
  registerCampaignTables();
  const base = {
    db: ctx.db.kysely,
    clock: ctx.clock,
    audit: deps.audit,
    settings: ctx.settings,
    bus: ctx.bus,
  };
  // Bound to the settings of the moment: the default country may change between runs.
  const audience = async (): Promise<AudienceDeps> => {
    const defaultCountry = (await ctx.settings.get(ctx.db.kysely, defaultCountrySetting)).value;
    return {
      compile: (ex, filter) => deps.segments.compile(ex, filter),
      normalise: (raw) => normalisePhone(raw, { defaultCountry }),
      suppressedAmong: (phones) => deps.suppression.suppressedAmong(phones),
    };
  };
  const materialise = ctx.jobs.register(
    materialiseJobKind({ db: ctx.db, clock: ctx.clock, bus: ctx.bus, audit: deps.audit, audience }),
  );
  const campaigns = createCampaignsService(base);
  const control = createCampaignControl({ ...base, jobs: ctx.jobs, materialise }, campaigns);
  return {
    name: 'campaigns',
    campaigns,
    control,
    routes: (app) => campaignsRoutes(app, { campaigns, control }),
  };
}
