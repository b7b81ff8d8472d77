import { z } from 'zod';
import { importDelimiterSchema, importEncodingSchema } from './contact-imports';
import { failureKindSchema } from './conversations';

// Campaigns (issue 15): the API's request and response shapes. Times are epoch ms.

// ---------------------------------------------------------------- enums

export const campaignStatuses = [
  'draft',
  'awaiting_approval',
  'scheduled',
  'materialising',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export const campaignStatusSchema = z.enum(campaignStatuses);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const recipientStatuses = [
  'queued',
  'skipped',
  'deferred',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
] as const;
export const recipientStatusSchema = z.enum(recipientStatuses);
export type RecipientStatus = z.infer<typeof recipientStatusSchema>;

/** Why a recipient is not sent to (decided at materialisation, or `cancelled` later). */
export const skipReasons = [
  'opted_out',
  'suppressed',
  'invalid_number',
  'duplicate',
  'frequency_cap',
  'not_on_whatsapp',
  'missing_parameter',
  'cancelled',
] as const;
export const skipReasonSchema = z.enum(skipReasons);
export type SkipReason = z.infer<typeof skipReasonSchema>;

/** Why a recipient waits (with `dueAt` saying until when). */
export const deferReasons = [
  'messaging_limit',
  'send_window',
  'pair_limit',
  'retry_backoff',
  'retry_24h',
  'throttled',
] as const;
export const deferReasonSchema = z.enum(deferReasons);
export type DeferReason = z.infer<typeof deferReasonSchema>;

export const recipientReasonSchema = z.union([skipReasonSchema, deferReasonSchema]);
export type RecipientReason = z.infer<typeof recipientReasonSchema>;

export const pauseReasons = [
  'spam_limit_131048',
  'quality_drop',
  'template_paused',
  'template_disabled',
  'auth_error_190',
  'account_restricted',
  'consecutive_failures',
  'operator',
] as const;
export const pauseReasonSchema = z.enum(pauseReasons);
export type PauseReason = z.infer<typeof pauseReasonSchema>;

export const campaignTemplateCategorySchema = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
export type CampaignTemplateCategory = z.infer<typeof campaignTemplateCategorySchema>;

export const campaignChannelSchema = z.enum(['cloud_api', 'mm_lite']);
export type CampaignChannel = z.infer<typeof campaignChannelSchema>;

export const pricingCategorySchema = z.enum(['marketing', 'utility', 'authentication', 'service']);
export type PricingCategory = z.infer<typeof pricingCategorySchema>;

// ---------------------------------------------------------------- settings of a campaign

const id = z.string().min(1).max(64);

/** Who receives it: the union of segments, tags, typed numbers and an uploaded CSV. */
export const campaignAudienceSchema = z.object({
  segmentIds: z.array(id).max(50).default([]),
  tagIds: z.array(id).max(50).default([]),
  /** Numbers as typed; each goes through the one normaliser at materialisation. */
  numbers: z.array(z.string().trim().min(1).max(40)).max(10_000).default([]),
  /** A CSV uploaded for this campaign (`POST /campaigns/:id/uploads`), or null. */
  uploadId: id.nullable().default(null),
  /** Which CSV column (0-based) holds the number; required with `uploadId`. */
  csvNumberColumn: z.number().int().min(0).max(1_000).nullable().default(null),
});
export type CampaignAudience = z.infer<typeof campaignAudienceSchema>;

/** Contact fields a parameter may read besides attributes. */
export const contactFieldSchema = z.enum(['name', 'phone']);

/**
 * Where one template parameter's value comes from. A missing value takes `fallback`; a
 * recipient whose required parameter has neither is skipped `missing_parameter`.
 */
export const campaignVariableSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('attribute'),
    key: z.string().min(1).max(100),
    fallback: z.string().max(1000).nullable().default(null),
  }),
  z.object({
    source: z.literal('field'),
    key: contactFieldSchema,
    fallback: z.string().max(1000).nullable().default(null),
  }),
  z.object({ source: z.literal('fixed'), value: z.string().min(1).max(1000) }),
  z.object({
    source: z.literal('csv'),
    /** The CSV's header name, or the 0-based index as a string when it has no header. */
    column: z.string().min(1).max(200),
    fallback: z.string().max(1000).nullable().default(null),
  }),
]);
export type CampaignVariable = z.infer<typeof campaignVariableSchema>;

/**
 * Template slot key (`header.<var>`, `body.<var>`, `button.<index>`: the renderer's keys) →
 * its source. Media headers go in `headerMedia`.
 */
export const campaignVariablesSchema = z.record(z.string().min(1).max(120), campaignVariableSchema);
export type CampaignVariables = z.infer<typeof campaignVariablesSchema>;

/** A recipient's resolved parameters: slot key → text, ready to render. */
export const recipientParamsSchema = z.record(z.string(), z.string());
export type RecipientParams = z.infer<typeof recipientParamsSchema>;

/** The media header: a media id uploaded to Meta, or a public link. */
export const campaignHeaderMediaSchema = z
  .object({
    type: z.enum(['image', 'video', 'document']),
    id: z.string().min(1).max(200).optional(),
    link: z.url().max(2000).optional(),
    filename: z.string().max(240).optional(),
  })
  .refine((m) => (m.id === undefined) !== (m.link === undefined), {
    message: 'give either a media id or a link',
  });
export type CampaignHeaderMedia = z.infer<typeof campaignHeaderMediaSchema>;

/** Send only between these minutes of the recipient's local day (end exclusive; may wrap midnight). */
export const sendWindowSchema = z
  .object({
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
  })
  .refine((w) => w.startMinute !== w.endMinute, { message: 'the window is empty' });
export type SendWindow = z.infer<typeof sendWindowSchema>;

/** Skip contacts who received more than `max` marketing messages in the last `days` days. */
export const frequencyCapSchema = z.object({
  max: z.number().int().min(0).max(1_000),
  days: z.number().int().min(1).max(365),
});
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;

/** When to start: null = on launch; otherwise an instant, with the zone the user chose it in. */
export const campaignScheduleSchema = z.object({
  scheduleAt: z.number().int().nullable().default(null),
  /** IANA zone name the time was picked in (shown back to the user). */
  scheduleTimeZone: z.string().min(1).max(64).nullable().default(null),
});

// ---------------------------------------------------------------- create / update

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  phoneNumberId: id,
  /** The local template id (`templates.id`); its name, language and category are copied. */
  templateId: id,
  audience: campaignAudienceSchema,
  variables: campaignVariablesSchema.default({}),
  headerMedia: campaignHeaderMediaSchema.nullable().default(null),
  channel: campaignChannelSchema.default('cloud_api'),
  scheduleAt: z.number().int().nullable().default(null),
  scheduleTimeZone: z.string().min(1).max(64).nullable().default(null),
  sendWindow: sendWindowSchema.nullable().default(null),
  frequencyCap: frequencyCapSchema.nullable().default(null),
  consecutiveFailureLimit: z.number().int().min(1).max(100_000).default(50),
  replyAttributionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  unknownAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
};

/** `POST /campaigns`: a draft. */
export const createCampaignSchema = z.object(campaignFields);
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

/** `PATCH /campaigns/:id`: any field, while the campaign is a draft. */
export const updateCampaignSchema = z
  .object({
    name: campaignFields.name,
    phoneNumberId: id,
    templateId: id,
    audience: campaignAudienceSchema,
    variables: campaignVariablesSchema,
    headerMedia: campaignHeaderMediaSchema.nullable(),
    channel: campaignChannelSchema,
    scheduleAt: z.number().int().nullable(),
    scheduleTimeZone: z.string().min(1).max(64).nullable(),
    sendWindow: sendWindowSchema.nullable(),
    frequencyCap: frequencyCapSchema.nullable(),
    consecutiveFailureLimit: z.number().int().min(1).max(100_000),
    replyAttributionHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    unknownAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  })
  .partial();
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

// ---------------------------------------------------------------- CSV audience

/**
 * `POST /campaigns/:id/uploads` answer and `GET /campaigns/:id/uploads/:uploadId`: a CSV
 * uploaded for a draft (first row = header), read with the contacts import's reader.
 */
export const campaignUploadSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  fileName: z.string().nullable(),
  size: z.number().int(),
  encoding: importEncodingSchema,
  hasBom: z.boolean(),
  delimiter: importDelimiterSchema,
  /** The first row: the names a template parameter's `csv` source refers to. */
  header: z.array(z.string()),
  /** The first data rows (at most 20). */
  rows: z.array(z.array(z.string())),
  /** The column (0-based) that looks like phone numbers, or null when none does. */
  guessedNumberColumn: z.number().int().nullable(),
  /** Why the first rows cannot be read, when they cannot. */
  problem: z.string().nullable(),
  createdAt: z.number(),
});
export type CampaignUpload = z.infer<typeof campaignUploadSchema>;

/** Optional multipart fields of the upload: the encoding and delimiter when not detected right. */
export const campaignUploadFieldsSchema = z.object({
  encoding: importEncodingSchema.optional(),
  delimiter: importDelimiterSchema.optional(),
});

/** The multipart form of the upload as the API document shows it: the fields, then `file`. */
export const campaignUploadFormSchema = campaignUploadFieldsSchema.extend({
  file: z.string().meta({ format: 'binary', description: 'The CSV file (first row a header)' }),
});

/** `GET /campaigns/:id/uploads/:uploadId/check` query: the column holding the numbers. */
export const campaignUploadCheckQuerySchema = z.object({
  numberColumn: z.coerce.number().int().min(0).max(1_000),
});

/** Why a CSV row does not become a recipient (within the file). */
export const csvRowIssueSchema = z.object({
  /** 1-based line of the record in the file (the header is row 1). */
  row: z.number().int(),
  value: z.string(),
  reason: z.enum(['invalid_number', 'duplicate']),
  /** The normaliser's reason for an invalid number (English, as the contacts import gives it). */
  detail: z.string().nullable(),
  /** For a duplicate: the row that first held the number. */
  firstRow: z.number().int().nullable(),
});
export type CsvRowIssue = z.infer<typeof csvRowIssueSchema>;

/** The whole file checked with the one phone normaliser: what materialisation will remove. */
export const campaignUploadCheckSchema = z.object({
  /** Data rows (the header excluded). */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicate: z.number().int(),
  /** The first issues (at most 100); the full list is `…/rejected.csv`. */
  issues: z.array(csvRowIssueSchema),
  issuesTruncated: z.boolean(),
  /** Why the file stopped being readable (naming the row), when it did. */
  problem: z.string().nullable(),
});
export type CampaignUploadCheck = z.infer<typeof campaignUploadCheckSchema>;

// ---------------------------------------------------------------- counts and detail

/** Recipients per status (every status present, 0 when none). */
export const campaignCountsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(recipientStatusSchema, z.number().int()),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

export const campaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  phoneNumberId: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  templateLanguage: z.string(),
  templateCategory: campaignTemplateCategorySchema,
  channel: campaignChannelSchema,
  status: campaignStatusSchema,
  pauseReason: pauseReasonSchema.nullable(),
  pauseDetail: z.string().nullable(),
  scheduleAt: z.number().nullable(),
  scheduleTimeZone: z.string().nullable(),
  createdBy: z.string(),
  launchRequestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.number().nullable(),
  launchedAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  counts: campaignCountsSchema,
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

/** `GET /campaigns/:id`. */
export const campaignDetailSchema = campaignSummarySchema.extend({
  audience: campaignAudienceSchema,
  variables: campaignVariablesSchema,
  headerMedia: campaignHeaderMediaSchema.nullable(),
  sendWindow: sendWindowSchema.nullable(),
  frequencyCap: frequencyCapSchema.nullable(),
  consecutiveFailureLimit: z.number().int(),
  replyAttributionHours: z.number().int(),
  unknownAfterMinutes: z.number().int(),
  /** Whether launching needs a second user's approval (the setting, read now). */
  approvalRequired: z.boolean(),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

/** `GET /campaigns` query: server paging, filters by status and sending number. */
export const campaignListQuerySchema = z.object({
  status: campaignStatusSchema.optional(),
  phoneNumberId: id.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

export const campaignPageSchema = z.object({
  campaigns: z.array(campaignSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CampaignPage = z.infer<typeof campaignPageSchema>;

// ---------------------------------------------------------------- pre-flight

export const preflightProblemCodeSchema = z.enum([
  'template_not_approved',
  'template_missing',
  'number_restricted',
  'number_flagged',
  'number_missing',
  'audience_empty',
  'parameters_unmapped',
]);
export type PreflightProblemCode = z.infer<typeof preflightProblemCodeSchema>;

export const preflightCostLineSchema = z.object({
  category: pricingCategorySchema,
  /** ISO 3166 alpha-2, or '*' when the rate card's default row priced it. */
  countryCode: z.string(),
  recipients: z.number().int(),
  /** Recipients whose customer-service window is open (free for utility/service). */
  free: z.number().int(),
  priceMicros: z.number().int(),
  totalMicros: z.number().int(),
  currency: z.string(),
});
export type PreflightCostLine = z.infer<typeof preflightCostLineSchema>;

/** `GET /campaigns/:id/preflight`. */
export const campaignPreflightSchema = z.object({
  /** Contacts and numbers considered before removals. */
  candidates: z.number().int(),
  /** Who would be sent to. */
  recipients: z.number().int(),
  skipped: z.record(skipReasonSchema, z.number().int()),
  messagingLimit: z.object({
    /** Unique business-initiated recipients per rolling 24 h; null = unlimited. */
    limit: z.number().int().nullable(),
    usedLast24h: z.number().int(),
    remaining: z.number().int().nullable(),
    /** Recipients of this campaign beyond what is left (deferred, not failed). */
    deferredByLimit: z.number().int(),
  }),
  throughput: z.object({
    /** Messages per second the number may send (80, 1,000, or configured lower). */
    messagesPerSecond: z.number(),
    estimatedSeconds: z.number(),
  }),
  cost: z.object({
    currency: z.string().nullable(),
    totalMicros: z.number().int(),
    lines: z.array(preflightCostLineSchema),
    /** Countries priced by the '*' row or not at all. */
    unpricedCountries: z.array(z.string()),
  }),
  template: z.object({
    status: z.string().nullable(),
    quality: z.string().nullable(),
    category: z.string().nullable(),
  }),
  number: z.object({
    quality: z.string().nullable(),
    status: z.string().nullable(),
    throughputLevel: z.string().nullable(),
  }),
  problems: z.array(z.object({ code: preflightProblemCodeSchema, message: z.string() })),
  canLaunch: z.boolean(),
});
export type CampaignPreflight = z.infer<typeof campaignPreflightSchema>;

// ---------------------------------------------------------------- run control

/** `POST /campaigns/:id/retry`: the retryable failures, or the recipients the operator chose. */
export const retryRecipientsSchema = z.object({
  recipientIds: z.array(z.number().int().positive()).max(10_000).optional(),
});
export type RetryRecipientsInput = z.infer<typeof retryRecipientsSchema>;

export const runControlResultSchema = z.object({
  campaign: campaignDetailSchema,
  /** Recipients the action moved (retried, cancelled). */
  affected: z.number().int(),
});
export type RunControlResult = z.infer<typeof runControlResultSchema>;

/** `POST /campaigns/:id/pause` body. */
export const pauseCampaignSchema = z.object({
  detail: z.string().trim().max(500).optional(),
});

/** `POST /campaigns/:id/test-send`: up to five numbers. */
export const testSendSchema = z.object({
  numbers: z.array(z.string().trim().min(1).max(40)).min(1).max(5),
});
export const testSendResultSchema = z.object({
  results: z.array(
    z.object({
      number: z.string(),
      phoneE164: z.string().nullable(),
      ok: z.boolean(),
      wamid: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type TestSendResult = z.infer<typeof testSendResultSchema>;

// ---------------------------------------------------------------- recipients

export const recipientListQuerySchema = z.object({
  status: recipientStatusSchema.optional(),
  reason: recipientReasonSchema.optional(),
  errorCode: z.coerce.number().int().optional(),
  /** Part of the number or of the contact's name. */
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  /**
   * Cursor: recipients after this id (the previous page's `nextAfter`). With it `page` is
   * ignored, and a deep page costs what the first does (exports walk the whole campaign).
   */
  after: z.coerce.number().int().min(0).optional(),
});
export type RecipientListQuery = z.infer<typeof recipientListQuerySchema>;

export const campaignRecipientSchema = z.object({
  id: z.number().int(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  phoneE164: z.string(),
  status: recipientStatusSchema,
  reason: recipientReasonSchema.nullable(),
  dueAt: z.number().nullable(),
  attempts: z.number().int(),
  wamid: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  errorTitle: z.string().nullable(),
  errorDetail: z.string().nullable(),
  /**
   * The failure catalogue's plain-language explanation and suggested action, as i18n keys
   * (`failures.explanation.*`, `failures.action.*`) that screens show in the user's language.
   */
  errorExplanation: z.string().nullable(),
  errorAction: z.string().nullable(),
  failureKind: failureKindSchema.nullable(),
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  readAt: z.number().nullable(),
  failedAt: z.number().nullable(),
  repliedAt: z.number().nullable(),
  optedOutAt: z.number().nullable(),
  updatedAt: z.number(),
});
export type CampaignRecipient = z.infer<typeof campaignRecipientSchema>;

export const recipientPageSchema = z.object({
  recipients: z.array(campaignRecipientSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The cursor of the next page (`after`), or null on the last page. */
  nextAfter: z.number().int().nullable(),
});
export type RecipientPage = z.infer<typeof recipientPageSchema>;

/** `POST /campaigns/:id/recipients/export`: a job; the file comes from the jobs' download. */
export const recipientExportSchema = z.object({
  exportId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
});
export type RecipientExport = z.infer<typeof recipientExportSchema>;

/** `GET /campaigns/:id/progress`: counts, rate, finish estimate and the per-second chart. */
export const campaignProgressSchema = z.object({
  counts: campaignCountsSchema,
  /** Sends per second over the last 10 s. */
  currentRate: z.number(),
  estimatedFinishAt: z.number().nullable(),
  /** One point per second that had sends: [epoch second, sent]. */
  series: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

// ---------------------------------------------------------------- rate card

export const rateCardRowSchema = z.object({
  id: z.string(),
  countryCode: z.string(),
  category: pricingCategorySchema,
  currency: z.string(),
  priceMicros: z.number().int(),
  isExample: z.boolean(),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type RateCardRow = z.infer<typeof rateCardRowSchema>;

export const rateCardSchema = z.object({ rows: z.array(rateCardRowSchema) });

/** One row of `PUT /campaigns/rate-card`. */
export const rateCardInputSchema = z.object({
  countryCode: z.string().regex(/^([A-Z]{2}|\*)$/, 'an ISO 3166 alpha-2 code, or *'),
  category: pricingCategorySchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  priceMicros: z.number().int().min(0).max(1_000_000_000),
});
export type RateCardInput = z.infer<typeof rateCardInputSchema>;

/** `PUT /campaigns/rate-card`: the whole card (one row per country and category). */
export const rateCardUpdateSchema = z.object({
  rows: z
    .array(rateCardInputSchema)
    .max(2_000)
    .refine(
      (rows) => new Set(rows.map((r) => `${r.countryCode}/${r.category}`)).size === rows.length,
      {
        message: 'one price per country and category',
      },
    ),
});
export type RateCardUpdate = z.infer<typeof rateCardUpdateSchema>;

// ---------------------------------------------------------------- settings and numbers

/** `GET`/`PUT /campaigns/settings`: what an admin decides for every campaign. */
export const campaignSettingsSchema = z.object({
  /** Maker/checker: launching needs a second user with `campaigns.approve`. */
  approvalRequired: z.boolean(),
});
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

/** `GET /campaigns/sending-numbers`: the numbers a campaign may send from (for the wizard). */
export const sendingNumberSchema = z.object({
  phoneNumberId: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  displayPhoneNumber: z.string(),
  verifiedName: z.string().nullable(),
  qualityRating: z.string().nullable(),
  status: z.string().nullable(),
});
export type SendingNumber = z.infer<typeof sendingNumberSchema>;
export const sendingNumbersSchema = z.object({ numbers: z.array(sendingNumberSchema) });

/** One change of a number's (or its portfolio's) health, from Meta's webhooks or a sync. */
export const numberHealthChangeSchema = z.object({
  /** quality | messaging_limit | throughput | status | account */
  kind: z.string(),
  previousValue: z.string().nullable(),
  newValue: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  at: z.number().int(),
});

/** A sending number now: quality, throughput, the portfolio's limit and what is left of it. */
export const numberHealthSchema = sendingNumberSchema.extend({
  throughputLevel: z.string().nullable(),
  /** What the dispatcher paces this number to, messages per second. */
  messagesPerSecond: z.number(),
  messagingLimit: z.object({
    /** Raw tier (`TIER_2K`); null when Meta has not told us. */
    tier: z.string().nullable(),
    /** Unique recipients per rolling 24 h; null when unlimited or unknown. */
    limit: z.number().int().nullable(),
    usedLast24h: z.number().int(),
    remaining: z.number().int().nullable(),
  }),
  /** Changes since `since`, newest first (at most 20). */
  history: z.array(numberHealthChangeSchema),
});
export type NumberHealth = z.infer<typeof numberHealthSchema>;
export const numberHealthListSchema = z.object({ numbers: z.array(numberHealthSchema) });
export const numberHealthQuerySchema = z.object({
  since: z.coerce.number().int().min(0),
});

// ---------------------------------------------------------------- live events

/** Bus payloads (ids and small facts only). */
export const campaignEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('campaign.changed'),
    campaignId: z.string(),
    status: campaignStatusSchema,
  }),
  z.object({
    type: z.literal('campaign.progress'),
    campaignId: z.string(),
    counts: z.record(recipientStatusSchema, z.number().int()),
  }),
]);
export type CampaignEvent = z.infer<typeof campaignEventSchema>;
