import { z } from 'zod';
import { analyticsCountersSchema } from './analytics';
import { campaignStatusSchema } from './campaigns';

/** One hour of a campaign since launch: what happened in that hour (not cumulative). */
export const campaignReportHourSchema = z.object({
  start: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
});

/** A campaign's report (issue 17), read from the rollups and the campaign's counters only. */
export const campaignReportSchema = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    status: campaignStatusSchema,
    templateName: z.string(),
    templateCategory: z.string(),
    launchedAt: z.number().int().nullable(),
    finishedAt: z.number().int().nullable(),
  }),
  /** targeted → sent → delivered → read → replied → opted out; failed and skipped beside. */
  funnel: z.object({
    /** Recipients the campaign meant to reach (its audience less those skipped before sending). */
    targeted: z.number().int(),
    skipped: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    read: z.number().int(),
    replied: z.number().int(),
    optedOut: z.number().int(),
    failed: z.number().int(),
  }),
  /** Failed messages per Meta error code, most frequent first. */
  failures: z.array(z.object({ code: z.number().int(), count: z.number().int() })),
  /** One point per hour from the launch hour to the last hour with an event (at most 30 days). */
  hours: z.array(campaignReportHourSchema),
  byCountry: z.array(analyticsCountersSchema.extend({ key: z.string() })),
  cost: z.object({
    /** ISO 4217 (the rate card's). */
    currency: z.string(),
    costMicros: z.number().int(),
    /** Sent messages Meta did not charge (customer service window, free entry point). */
    free: z.number().int(),
    billable: z.number().int(),
    byCategory: z.array(
      z.object({
        key: z.string(),
        sent: z.number().int(),
        free: z.number().int(),
        costMicros: z.number().int(),
      }),
    ),
  }),
  /**
   * The change time (epoch ms) of the last message the rollups read, null before the first
   * run; it stands still while nothing changes. Show `watermark` for how fresh figures are.
   */
  foldedAt: z.number().int().nullable(),
  /**
   * The rollups' watermark (epoch ms): every message change made at or before it is in these
   * figures. It advances on every rollup run, even when nothing changed; null before the
   * first run.
   */
  watermark: z.number().int().nullable(),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;
export type CampaignReportHour = z.infer<typeof campaignReportHourSchema>;
