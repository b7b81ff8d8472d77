import { z } from 'zod';
import { templateComponentSchema, templateCategorySchema } from './cloud-api/templates.schema';

// Templates in the panel: the mirrored list, the builder's drafts and lint results, and the
// mapping that turns a template into the `components` of a send.

export const parameterFormatSchema = z.enum(['POSITIONAL', 'NAMED']);
export type ParameterFormat = z.infer<typeof parameterFormatSchema>;

/** A template as the panel stores it; `components` are Meta's (upper-case types). */
export const templateDtoSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  metaId: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  parameterFormat: parameterFormatSchema,
  components: z.array(templateComponentSchema),
  rejectedReason: z.string().nullable(),
  qualityScore: z.string().nullable(),
  previousCategory: z.string().nullable(),
  syncedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TemplateDto = z.infer<typeof templateDtoSchema>;
export const templateListSchema = z.object({ templates: z.array(templateDtoSchema) });

export const templateListQuerySchema = z.object({
  accountId: z.string().max(64).optional(),
  status: z.string().max(40).optional(),
  category: z.string().max(40).optional(),
  language: z.string().max(20).optional(),
  search: z.string().max(100).optional(),
});
export type TemplateListQuery = z.infer<typeof templateListQuerySchema>;

/**
 * A component as the builder edits it: Meta's shape, but loose, so that the linter (not a
 * schema) explains what is wrong with, say, a 30-character button text.
 */
export const draftButtonSchema = z.looseObject({
  type: z.string().max(40),
  text: z.string().max(2000).optional(),
  url: z.string().max(2000).optional(),
  phone_number: z.string().max(40).optional(),
  example: z.union([z.array(z.string().max(2000)).max(10), z.string().max(2000)]).optional(),
});
export type DraftButton = z.infer<typeof draftButtonSchema>;
export const draftComponentSchema = z.looseObject({
  type: z.string().max(20),
  format: z.string().max(20).optional(),
  text: z.string().max(5000).optional(),
  example: z.looseObject({}).optional(),
  buttons: z.array(draftButtonSchema).max(20).optional(),
});
export type DraftComponent = z.infer<typeof draftComponentSchema>;

/** What the builder submits (and lints while typing). */
export const templateDraftSchema = z.object({
  name: z.string().max(600),
  language: z.string().max(20),
  category: z.union([templateCategorySchema, z.string().max(40)]),
  parameterFormat: parameterFormatSchema.default('POSITIONAL'),
  allowCategoryChange: z.boolean().optional(),
  components: z.array(draftComponentSchema).max(8),
});
export type TemplateDraft = z.input<typeof templateDraftSchema>;

export const submitTemplateBodySchema = templateDraftSchema.extend({
  accountId: z.string().min(1).max(64),
  /** The stored media header sample this template uses; removed once it is submitted. */
  headerExampleId: z.uuid().optional(),
});

/** `POST /templates/header-examples/:id/retry`: uploads a stored sample to Meta again. */
export const retryHeaderExampleBodySchema = z.object({ accountId: z.string().min(1).max(64) });
export type SubmitTemplateBody = z.input<typeof submitTemplateBodySchema>;

/**
 * Every code the linter emits. The codes are stable: the web translates by code (with
 * `params` filled into the message), while `message` stays English for API clients and logs.
 */
export const templateLintCodes = [
  'language',
  'category',
  'component_type',
  'component_repeat',
  'name_required',
  'name_format',
  'name_length',
  'body_required',
  'body_length',
  'variables_mixed',
  'variables_format',
  'variables_sequence',
  'variable_name',
  'example_missing',
  'variable_at_edge',
  'variables_adjacent',
  'variables_dense',
  'header_format',
  'header_required',
  'header_length',
  'header_variables',
  'header_example',
  'footer_required',
  'footer_length',
  'footer_variables',
  'buttons_count',
  'buttons_url_count',
  'buttons_phone_count',
  'buttons_copy_count',
  'buttons_grouping',
  'button_type',
  'button_text',
  'button_text_length',
  'button_text_repeat',
  'button_phone',
  'button_copy_example',
  'button_url',
  'button_url_length',
  'button_url_variable',
  'button_url_example',
  'category_authentication',
  'category_fit',
] as const;
export type TemplateLintCode = (typeof templateLintCodes)[number];

/** One finding of the linter; `error` blocks submission, `warning` only informs. */
export const lintIssueSchema = z.object({
  // A plain string on the wire, so that a newer server's code does not fail an older client.
  code: z.string(),
  path: z.string(),
  message: z.string(),
  /** The values in `message` (button number, limit, length…), for translated messages. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  severity: z.enum(['error', 'warning']),
});
export type LintIssue = z.infer<typeof lintIssueSchema>;
export const lintResultSchema = z.object({ ok: z.boolean(), issues: z.array(lintIssueSchema) });
export type LintResult = z.infer<typeof lintResultSchema>;

export const duplicateTemplateBodySchema = z.object({
  language: z.string().min(2).max(20),
  /** Translated components; the source's are reused when left out. */
  components: z.array(draftComponentSchema).max(8).optional(),
});

export const deleteTemplateQuerySchema = z.object({
  /** `language`: only this language version (Meta `hsm_id`); `all`: every language of the name. */
  scope: z.enum(['language', 'all']).default('language'),
});

export const templateSyncResultSchema = z.object({
  total: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
});
export type TemplateSyncResult = z.infer<typeof templateSyncResultSchema>;

export const templateEventDtoSchema = z.object({
  id: z.string(),
  kind: z.string(),
  previousValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.string(),
  at: z.string(),
});
export const templateEventListSchema = z.object({ events: z.array(templateEventDtoSchema) });

// ---------------------------------------------------------------- rendering

/** Where a parameter's value comes from: a contact attribute, fixed text, or an import column. */
export const valueSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('attribute'), key: z.string().min(1).max(100) }),
  z.object({ from: z.literal('column'), key: z.string().min(1).max(200) }),
  z.object({ from: z.literal('fixed'), value: z.string().max(2000) }),
]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** How one slot of a template (a variable, the media header, a button) is filled. */
export const slotMappingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), value: valueSourceSchema }),
  z.object({
    type: z.literal('currency'),
    code: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    amount: valueSourceSchema,
    fallback: valueSourceSchema.optional(),
  }),
  z.object({ type: z.literal('date_time'), value: valueSourceSchema }),
  z.object({
    type: z.literal('media'),
    media: z.enum(['image', 'video', 'document']),
    id: valueSourceSchema.optional(),
    link: valueSourceSchema.optional(),
    filename: z.string().max(240).optional(),
  }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(1000).optional(),
    address: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('coupon_code'), value: valueSourceSchema }),
]);
export type SlotMapping = z.infer<typeof slotMappingSchema>;

/** Slot key → mapping. Keys: `header.media`, `header.location`, `header.<var>`, `body.<var>`, `button.<index>`. */
export const templateMappingSchema = z.record(z.string().max(120), slotMappingSchema);
export type TemplateMapping = z.infer<typeof templateMappingSchema>;

/** A slot a template needs filled when sent. */
export const templateSlotSchema = z.object({
  key: z.string(),
  kind: z.enum(['text', 'media', 'location', 'url_suffix', 'coupon_code']),
  /** For media slots: the header format in lower case. */
  media: z.enum(['image', 'video', 'document']).optional(),
  /** The variable name (`1`, `first_name`) for text slots. */
  variable: z.string().optional(),
  example: z.string().nullable(),
});
export type TemplateSlot = z.infer<typeof templateSlotSchema>;

/**
 * `POST /templates/header-examples` (multipart: `accountId`, `file`): the sample of a media
 * header, uploaded with Meta's Resumable Upload API; `handle` goes into
 * `example.header_handle`.
 */
export const headerExampleDtoSchema = z.object({
  /**
   * The stored sample: `POST /templates/header-examples/:exampleId/retry` uploads it again
   * (from any process), and submitting with `headerExampleId` lets the server remove it.
   */
  exampleId: z.string(),
  handle: z.string(),
  format: z.enum(['IMAGE', 'VIDEO', 'DOCUMENT']),
  mimeType: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  /** A `data:` URL of an image sample for the preview; null for video and documents. */
  previewDataUrl: z.string().nullable(),
});
export type HeaderExampleDto = z.infer<typeof headerExampleDtoSchema>;
