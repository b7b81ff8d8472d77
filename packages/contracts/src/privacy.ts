import { z } from 'zod';
import { panelLanguageSchema } from './languages';
import { contactAttributeValueSchema } from './contacts';

/**
 * Privacy: retention periods, data-deletion requests, purge runs, legal pages.
 * Timestamps are ISO strings; periods are whole days.
 */

/** The classes of data that have their own retention period. */
export const retentionClasses = [
  'messages_media',
  'webhook_events',
  'graph_api_logs',
  'audit_log',
  'deletion_requests',
  'campaign_recipients',
  'inactive_contacts',
  'data_exports',
] as const;
export const retentionClassSchema = z.enum(retentionClasses);
export type RetentionClass = z.infer<typeof retentionClassSchema>;

/** How each class is named in the UI and on the public privacy policy. */
export const retentionClassLabels: Record<RetentionClass, string> = {
  messages_media: 'Messages and media',
  webhook_events: 'Raw webhook events',
  graph_api_logs: 'Graph API call logs',
  audit_log: 'Security and audit log',
  deletion_requests: 'Completed deletion-request records',
  campaign_recipients: 'Campaign recipient details',
  inactive_contacts: 'Inactive contacts',
  data_exports: 'Data export archives',
};

/** Defaults: long enough to serve customers and investigate incidents, no longer. */
export const defaultRetentionDays: Record<RetentionClass, number> = {
  messages_media: 365,
  webhook_events: 30,
  graph_api_logs: 30,
  audit_log: 365,
  deletion_requests: 730,
  campaign_recipients: 180,
  inactive_contacts: 730,
  // An archive of someone's data is made to be downloaded and handed over, not kept.
  data_exports: 7,
};

const days = z.number().int().min(1).max(3650);
export const retentionPeriodsSchema = z.object({
  messages_media: days,
  webhook_events: days,
  graph_api_logs: days,
  audit_log: days,
  deletion_requests: days,
  campaign_recipients: days,
  inactive_contacts: days,
  // Added after the others: a client that still sends the first seven keys keeps the default.
  data_exports: days.default(defaultRetentionDays.data_exports),
});
export type RetentionPeriods = z.infer<typeof retentionPeriodsSchema>;

export const retentionSettingsSchema = z.object({
  periods: retentionPeriodsSchema,
  updatedAt: z.string().nullable(),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** What one table contributes to a purge (or to a deletion preview). */
export const tableCountSchema = z.object({
  table: z.string(),
  rows: z.number().int(),
  files: z.number().int(),
});
export type TableCount = z.infer<typeof tableCountSchema>;

export const purgePreviewSchema = z.object({
  at: z.string(),
  classes: z.array(
    z.object({
      retentionClass: retentionClassSchema,
      label: z.string(),
      days: z.number().int(),
      cutoff: z.string(),
      tables: z.array(tableCountSchema),
      rows: z.number().int(),
      files: z.number().int(),
    }),
  ),
  rows: z.number().int(),
  files: z.number().int(),
});
export type PurgePreview = z.infer<typeof purgePreviewSchema>;

export const purgeRunSchema = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'manual', 'cli']),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.number().int(),
  files: z.number().int(),
  /** `table` → rows deleted (or that would be, on a dry run). */
  counts: z.record(z.string(), z.number().int()),
  error: z.string().nullable(),
});
export type PurgeRun = z.infer<typeof purgeRunSchema>;
export const purgeRunListSchema = z.object({ runs: z.array(purgeRunSchema) });
export const purgeRunRequestSchema = z.object({ dryRun: z.boolean().default(false) });

/** Deletion requests. */
export const deletionStatuses = ['pending', 'in_progress', 'done', 'rejected'] as const;
export const deletionStatusSchema = z.enum(deletionStatuses);
export type DeletionStatus = z.infer<typeof deletionStatusSchema>;
export const deletionSources = ['form', 'meta_callback', 'email', 'whatsapp', 'admin'] as const;
export const deletionSourceSchema = z.enum(deletionSources);
/** What a request in the privacy queue asks for. */
export const privacyRequestKinds = ['deletion', 'correction'] as const;
export const privacyRequestKindSchema = z.enum(privacyRequestKinds);
export type PrivacyRequestKind = z.infer<typeof privacyRequestKindSchema>;
/** A correction request's two texts, as the requester wrote them. */
export const correctionTextSchema = z.object({
  wrong: z.string().trim().min(1).max(2000),
  wanted: z.string().trim().min(1).max(2000),
});
export type CorrectionText = z.infer<typeof correctionTextSchema>;

export const deletionRequestSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: privacyRequestKindSchema,
  source: deletionSourceSchema,
  status: deletionStatusSchema,
  /** Null once executed: the request then keeps only `subjectHint`. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string().nullable(),
  metaUserId: z.string().nullable(),
  subjectHint: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()).nullable(),
  handledBy: z.string().nullable(),
  /** A correction request's texts; null for a deletion, and once erased. */
  correction: correctionTextSchema.nullable(),
  /** The language the requester wrote in (public form); null when unknown. */
  language: z.string().nullable(),
  /** A fulfilled correction: the contact fields it changed. */
  correctedFields: z.array(z.string()).nullable(),
});
export type DeletionRequest = z.infer<typeof deletionRequestSchema>;
export const deletionRequestListSchema = z.object({
  requests: z.array(deletionRequestSchema),
  total: z.number().int(),
});
export const deletionListQuerySchema = z.object({
  status: deletionStatusSchema.optional(),
  kind: privacyRequestKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const phoneInput = z.string().trim().max(32);
const emailInput = z.email().max(254);

/** Opened by an admin for a request that arrived by email or WhatsApp. */
export const openDeletionRequestSchema = z
  .object({
    phone: phoneInput.optional(),
    email: emailInput.optional(),
    message: z.string().trim().max(2000).optional(),
    source: z.enum(['email', 'whatsapp', 'admin']).default('admin'),
    kind: privacyRequestKindSchema.default('deletion'),
    /** Required for a correction, refused for a deletion. */
    correction: correctionTextSchema.optional(),
  })
  .refine((v) => (v.phone ?? '') !== '' || (v.email ?? '') !== '', {
    message: 'a phone number or an email address is needed',
  })
  .refine((v) => (v.kind === 'correction') === (v.correction !== undefined), {
    message: 'a correction request needs what is wrong and what it should be',
    path: ['correction'],
  });
export type OpenDeletionRequest = z.input<typeof openDeletionRequestSchema>;

/** Sets who a request is about (e.g. after reading a Meta callback's follow-up email). */
export const deletionSubjectSchema = z.object({
  phone: phoneInput.nullable().optional(),
  email: emailInput.nullable().optional(),
});
export const rejectDeletionSchema = z.object({ reason: z.string().trim().min(3).max(500) });

/** What executing a request would erase. */
export const deletionPreviewSchema = z.object({
  requestId: z.string(),
  contacts: z.array(
    z.object({ id: z.string(), phone: z.string().nullable(), name: z.string().nullable() }),
  ),
  tables: z.array(
    tableCountSchema.extend({
      module: z.string(),
      action: z.enum(['delete', 'anonymise']),
    }),
  ),
  rows: z.number().int(),
  files: z.number().int(),
  alreadySuppressed: z.boolean(),
});
export type DeletionPreview = z.infer<typeof deletionPreviewSchema>;

/** A contact that a correction request matches, with the changes its texts suggest. */
export const correctionMatchSchema = z.object({
  id: z.string(),
  phoneE164: z.string().nullable(),
  name: z.string().nullable(),
  language: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Fields the request's texts point at, to prefill the edit; empty when nothing is obvious. */
  suggestion: z.object({
    name: z.string().optional(),
    phone: z.string().optional(),
    language: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  }),
});
export type CorrectionMatch = z.infer<typeof correctionMatchSchema>;
export const correctionMatchesSchema = z.object({ contacts: z.array(correctionMatchSchema) });

/** `POST /privacy/requests/:id/correct`: the contact edited and the changes made. */
export const fulfilCorrectionSchema = z.object({
  contactId: z.string().min(1).max(64),
  changes: z
    .object({
      phone: z.string().trim().min(1).max(40).optional(),
      name: z.string().trim().max(200).nullable().optional(),
      language: z.string().trim().max(35).nullable().optional(),
      attributes: z.record(z.string().max(40), contactAttributeValueSchema).optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), {
      message: 'change at least one field',
    }),
});
export type FulfilCorrection = z.infer<typeof fulfilCorrectionSchema>;

/** Legal pages. */
export const legalPages = ['privacy', 'terms', 'data-deletion', 'support'] as const;
export const legalPageSchema = z.enum(legalPages);
export type LegalPage = z.infer<typeof legalPageSchema>;
export const legalPageTitles: Record<LegalPage, string> = {
  privacy: 'Privacy policy',
  terms: 'Terms of use',
  'data-deletion': 'Data deletion',
  support: 'Support',
};

export const legalSettingsSchema = z.object({
  companyName: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(254),
  address: z.string().trim().max(500),
  supportHours: z.string().trim().max(200),
});
export type LegalSettings = z.infer<typeof legalSettingsSchema>;

export const legalVersionSchema = z.object({
  id: z.string(),
  page: legalPageSchema,
  /** The language the text is written in; each language has its own versions. */
  language: panelLanguageSchema,
  version: z.number().int(),
  markdown: z.string(),
  effectiveAt: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type LegalVersion = z.infer<typeof legalVersionSchema>;

export const legalPageStateSchema = z.object({
  page: legalPageSchema,
  language: panelLanguageSchema,
  title: z.string(),
  /** The version in force now; null while the built-in default text applies. */
  current: legalVersionSchema.nullable(),
  defaultMarkdown: z.string(),
  versions: z.array(legalVersionSchema),
  placeholders: z.array(z.string()),
});
export type LegalPageState = z.infer<typeof legalPageStateSchema>;

export const publishLegalSchema = z.object({
  markdown: z.string().min(1).max(100_000),
  /** ISO date or date-time; today or later. */
  effectiveAt: z.iso.date().or(z.iso.datetime()),
  language: panelLanguageSchema.default('en'),
});
export const legalPreviewRequestSchema = z.object({
  page: legalPageSchema,
  markdown: z.string().max(100_000),
  language: panelLanguageSchema.default('en'),
});
/** `GET /privacy/legal?language=`: which language's versions to show (English by default). */
export const legalOverviewQuerySchema = z.object({
  language: panelLanguageSchema.default('en'),
});
export const legalPreviewSchema = z.object({ html: z.string() });
export const legalOverviewSchema = z.object({
  settings: legalSettingsSchema,
  pages: z.array(legalPageStateSchema),
  /** Per page, the panel languages with no version in force (English has the built-in text). */
  coverage: z.array(z.object({ page: legalPageSchema, missing: z.array(panelLanguageSchema) })),
});
export type LegalOverview = z.infer<typeof legalOverviewSchema>;
