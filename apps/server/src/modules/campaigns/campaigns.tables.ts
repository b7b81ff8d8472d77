import type { Generated } from 'kysely';

/**
 * Campaign tables (migration 20261202_0100_campaigns). The value sets of the text columns
 * are the `@kiana/contracts` campaign enums; JSON columns hold the contracts' shapes.
 */
export interface CampaignsTables {
  campaigns: {
    id: string;
    name: string;
    accountId: string;
    phoneNumberId: string;
    templateId: string;
    templateName: string;
    templateLanguage: string;
    /** MARKETING | UTILITY | AUTHENTICATION */
    templateCategory: string;
    /** `CampaignAudience` JSON. */
    audienceJson: string;
    /** `CampaignVariables` JSON. */
    variablesJson: string;
    headerMediaJson: string | null;
    /** cloud_api | mm_lite */
    channel: Generated<string>;
    scheduleAt: number | null;
    scheduleTimeZone: string | null;
    /** `{ startMinute, endMinute }` in the recipient's local time. */
    sendWindowJson: string | null;
    /** `{ max, days }` */
    frequencyCapJson: string | null;
    /** `CampaignStatus` */
    status: string;
    /** `PauseReason` */
    pauseReason: string | null;
    pauseDetail: string | null;
    consecutiveFailureLimit: Generated<number>;
    replyAttributionHours: Generated<number>;
    unknownAfterMinutes: Generated<number>;
    createdBy: string;
    launchRequestedBy: string | null;
    approvedBy: string | null;
    approvedAt: number | null;
    launchedAt: number | null;
    startedAt: number | null;
    finishedAt: number | null;
    createdAt: number;
    updatedAt: number;
  };
  /** The queue: one row per recipient; the dispatcher claims `queued`/`deferred` rows that are due. */
  campaignRecipients: {
    id: Generated<number>;
    campaignId: string;
    /** Denormalised from the campaign for the dispatcher's claim index. */
    phoneNumberId: string;
    contactId: string | null;
    phoneE164: string;
    waId: string | null;
    /** Parameters resolved at materialisation, ready to render (`RecipientParams` JSON). */
    paramsJson: Generated<string>;
    /** `RecipientStatus` */
    status: string;
    /** Skip or defer reason (`SkipReason` | `DeferReason`). */
    reason: string | null;
    /** When a queued/deferred row may be claimed. */
    dueAt: number;
    attempts: Generated<number>;
    /** The current attempt's id (uuid), carried in `biz_opaque_callback_data` as `c:<id>`. */
    attemptId: string | null;
    /** Fencing token of the dispatcher lease that claimed the row. */
    leaseGeneration: number | null;
    messageId: string | null;
    wamid: string | null;
    errorCode: number | null;
    errorTitle: string | null;
    errorDetail: string | null;
    /** `FailureKind` of whatsapp/graph.failures.ts. */
    failureKind: string | null;
    sendingAt: number | null;
    sentAt: number | null;
    deliveredAt: number | null;
    readAt: number | null;
    failedAt: number | null;
    repliedAt: number | null;
    optedOutAt: number | null;
    createdAt: number;
    updatedAt: number;
  };
  /** Maintained per status in the same transaction as every recipient change (never counted). */
  campaignCounts: {
    campaignId: string;
    status: string;
    count: number;
  };
  /** Sends per second per number and campaign. */
  campaignSendLog: {
    phoneNumberId: string;
    /** Epoch seconds. */
    second: number;
    campaignId: string;
    sent: number;
  };
  /** Unique business-initiated recipients of a portfolio: the rolling 24 h messaging limit. */
  portfolioRecipients: {
    /** The WABA's business portfolio id, or the account id when unknown. */
    portfolioId: string;
    phoneE164: string;
    lastBusinessInitiatedAt: number;
  };
  rateCard: {
    id: string;
    /** ISO 3166 alpha-2, or '*' for any other country. */
    countryCode: string;
    /** marketing | utility | authentication | service */
    category: string;
    currency: string;
    /** Millionths of the currency unit. */
    priceMicros: number;
    /** 1 for the seeded example rows (Meta's published prices at the time of writing). */
    isExample: Generated<number>;
    updatedAt: number;
    updatedBy: string | null;
  };
  /** A CSV uploaded for a draft (migration 20261205_0410), kept until materialisation reads it. */
  campaignUploads: {
    id: string;
    campaignId: string;
    fileKey: string;
    fileName: string | null;
    size: number;
    /** `ImportEncoding` of the contacts import reader. */
    encoding: string;
    hasBom: number;
    /** `ImportDelimiter` */
    delimiter: string;
    /** The first row of the file (JSON array of strings). */
    headerJson: string;
    createdBy: string | null;
    createdAt: number;
  };
}
