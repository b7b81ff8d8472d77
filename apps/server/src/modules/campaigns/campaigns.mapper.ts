import {
  campaignAudienceSchema,
  campaignHeaderMediaSchema,
  campaignVariablesSchema,
  frequencyCapSchema,
  sendWindowSchema,
  type CampaignDetail,
  type CampaignStatus,
  type CampaignSummary,
  type CampaignTemplateCategory,
  type PauseReason,
  type RecipientStatus,
} from '@kiana/contracts';
import type { CampaignRow } from './campaigns.repo';

function parseJson<T>(text: string | null, parse: (v: unknown) => T): T | null {
  return text === null ? null : parse(JSON.parse(text));
}

/** Counts as the API shows them. */
export function toCounts(byStatus: Record<RecipientStatus, number>): CampaignSummary['counts'] {
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

export function toSummary(
  row: CampaignRow,
  counts: Record<RecipientStatus, number>,
): CampaignSummary {
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    phoneNumberId: row.phoneNumberId,
    templateId: row.templateId,
    templateName: row.templateName,
    templateLanguage: row.templateLanguage,
    templateCategory: row.templateCategory as CampaignTemplateCategory,
    channel: row.channel === 'mm_lite' ? 'mm_lite' : 'cloud_api',
    status: row.status as CampaignStatus,
    pauseReason: row.pauseReason as PauseReason | null,
    pauseDetail: row.pauseDetail,
    scheduleAt: row.scheduleAt,
    scheduleTimeZone: row.scheduleTimeZone,
    createdBy: row.createdBy,
    launchRequestedBy: row.launchRequestedBy,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
    launchedAt: row.launchedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    counts: toCounts(counts),
  };
}

export function toDetail(
  row: CampaignRow,
  counts: Record<RecipientStatus, number>,
  approvalRequired: boolean,
): CampaignDetail {
  return {
    ...toSummary(row, counts),
    audience: campaignAudienceSchema.parse(JSON.parse(row.audienceJson)),
    variables: campaignVariablesSchema.parse(JSON.parse(row.variablesJson)),
    headerMedia: parseJson(row.headerMediaJson, (v) => campaignHeaderMediaSchema.parse(v)),
    sendWindow: parseJson(row.sendWindowJson, (v) => sendWindowSchema.parse(v)),
    frequencyCap: parseJson(row.frequencyCapJson, (v) => frequencyCapSchema.parse(v)),
    consecutiveFailureLimit: row.consecutiveFailureLimit,
    replyAttributionHours: row.replyAttributionHours,
    unknownAfterMinutes: row.unknownAfterMinutes,
    approvalRequired,
  };
}
