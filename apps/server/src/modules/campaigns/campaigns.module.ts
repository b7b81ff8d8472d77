import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { SegmentsService } from '../contacts/contacts.segments.service';
import { defaultCountrySetting, normalisePhone } from '../contacts/contacts.phone';
import type { Suppression } from '../privacy/suppression';
import type { RenderableTemplate } from '../templates/templates.render';
import { createCampaignAdmin } from './campaigns.admin';
import type { AudienceDeps } from './campaigns.audience';
import { createCampaignControl, type CampaignControl } from './campaigns.control';
import { materialiseJobKind } from './campaigns.materialise';
import type { CampaignFinishedHooks } from './campaigns.finished';
import { registerCampaignTables } from './campaigns.privacy';
import { createPreflight } from './campaigns.preflight';
import { createCampaignProgress } from './campaigns.progress';
import { campaignsRoutes } from './campaigns.routes';
import { campaignRunRoutes } from './campaigns.run.routes';
import { createCampaignsService, type CampaignsService } from './campaigns.service';
import { createTestSender } from './campaigns.test-send';
import { createCampaignUploads, type CampaignUploads } from './campaigns.uploads';
import { campaignUploadRoutes } from './campaigns.uploads.routes';
import { throughputCapsSetting } from './dispatch/dispatch.module';
import type { Sender } from './sender/sender';

export interface CampaignsModule extends Module {
  campaigns: CampaignsService;
  control: CampaignControl;
  uploads: CampaignUploads;
}

/** Campaigns (issue 15): drafts, audience, pre-flight, launch and run control. */
export function createCampaignsModule(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    segments: SegmentsService;
    suppression: Suppression;
    /** The one Sender (dispatch module), for the test send. */
    sender: Sender;
    template(id: string): Promise<RenderableTemplate>;
    /** Completion hooks (dispatch module): materialisation may complete a campaign too. */
    finished?: CampaignFinishedHooks;
  },
): CampaignsModule {
  registerCampaignTables();
  // Bound to the settings of the moment: the default country may change between runs.
  const normaliser = async () => {
    const defaultCountry = (await ctx.settings.get(ctx.db.kysely, defaultCountrySetting)).value;
    return (raw: string) => normalisePhone(raw, { defaultCountry });
  };
  const uploads = createCampaignUploads({
    db: ctx.db.kysely,
    files: ctx.files,
    clock: ctx.clock,
    audit: deps.audit,
    normaliser,
  });
  const base = {
    db: ctx.db.kysely,
    clock: ctx.clock,
    audit: deps.audit,
    settings: ctx.settings,
    bus: ctx.bus,
    uploads,
  };
  const audience = async (): Promise<AudienceDeps> => ({
    compile: (ex, filter) => deps.segments.compile(ex, filter),
    normalise: await normaliser(),
    suppressedAmong: (phones) => deps.suppression.suppressedAmong(phones),
    openCsv: (uploadId) => uploads.open(uploadId),
  });
  const materialise = ctx.jobs.register(
    materialiseJobKind({
      db: ctx.db,
      clock: ctx.clock,
      bus: ctx.bus,
      audit: deps.audit,
      audience,
      finished: deps.finished,
      discardUploads: (campaignId) => uploads.discard(campaignId),
    }),
  );
  const campaigns = createCampaignsService(base);
  const preflight = createPreflight({
    db: ctx.db.kysely,
    clock: ctx.clock,
    audience,
    throughputCap: async (phoneNumberId) =>
      (await ctx.settings.get(ctx.db.kysely, throughputCapsSetting)).value[phoneNumberId] ?? null,
  });
  const control = createCampaignControl(
    { ...base, jobs: ctx.jobs, materialise, assertLaunchable: preflight.assertLaunchable },
    campaigns,
  );
  const progress = createCampaignProgress({ db: ctx.db.kysely, clock: ctx.clock });
  const testSender = createTestSender({
    db: ctx.db.kysely,
    clock: ctx.clock,
    audit: deps.audit,
    sender: deps.sender,
    audience,
    template: deps.template,
  });
  const admin = createCampaignAdmin({
    db: ctx.db,
    clock: ctx.clock,
    audit: deps.audit,
    settings: ctx.settings,
  });
  return {
    name: 'campaigns',
    campaigns,
    control,
    uploads,
    jobs: [
      {
        name: 'campaigns.uploads-purge',
        intervalMs: 3_600_000,
        run: async () => void (await uploads.purge()),
      },
    ],
    routes: (app) => {
      campaignsRoutes(app, { campaigns, control });
      campaignRunRoutes(app, { preflight, progress, testSender, admin });
      campaignUploadRoutes(app, uploads);
    },
  };
}
