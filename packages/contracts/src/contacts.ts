import { z } from 'zod';

/** The type of a custom contact attribute; values are validated against it on every write. */
export const contactAttributeTypeSchema = z.enum(['text', 'number', 'date', 'boolean']);
export type ContactAttributeType = z.infer<typeof contactAttributeTypeSchema>;

/** One custom attribute contacts may carry (the `contacts.attributes` setting). */
export const contactAttributeDefSchema = z.object({
  /** Stable key in `contacts.attributes` JSON and in segment filters. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower case letters, digits and _'),
  label: z.string().trim().min(1).max(80),
  type: contactAttributeTypeSchema,
});
export type ContactAttributeDef = z.infer<typeof contactAttributeDefSchema>;

/**
 * An attribute value: text, number, boolean, or a date as `YYYY-MM-DD`; null clears it.
 * Checked against the attribute's declared type by the server.
 */
export const contactAttributeValueSchema = z.union([
  z.string().max(1000),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export type ContactAttributeValue = z.infer<typeof contactAttributeValueSchema>;

/** The marketing consent a contact's ledger projects into. */
export const marketingConsentSchema = z.enum(['opted_in', 'opted_out', 'unknown']);
export type MarketingConsent = z.infer<typeof marketingConsentSchema>;

// ---- Tags ----

export const tagSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `#rrggbb`, or null for the default colour. */
  colour: z.string().nullable(),
  createdAt: z.number(),
});
export type Tag = z.infer<typeof tagSchema>;

/** A tag with the number of contacts carrying it (`GET /api/v1/tags`). */
export const tagWithCountSchema = tagSchema.extend({ contactCount: z.number().int() });
export type TagWithCount = z.infer<typeof tagWithCountSchema>;

/** `POST /api/v1/tags`, `PATCH /api/v1/tags/:id`; names are unique case-insensitively. */
export const tagInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable()
    .optional(),
});
export type TagInput = z.infer<typeof tagInputSchema>;

// ---- Segment filter tree ----

const idList = z.array(z.string().min(1).max(64)).min(1).max(100);

/** One condition of a segment. Every condition of one group is combined with its `op`. */
export const segmentConditionSchema = z.discriminatedUnion('type', [
  /** Carries any / all / none of the tags. */
  z.object({ type: z.literal('tags'), match: z.enum(['any', 'all', 'none']), tagIds: idList }),
  /**
   * A custom attribute compared by its type: text `eq|neq|contains`, number `eq|neq|gt|lt`,
   * date (`YYYY-MM-DD`) `eq|neq|before|after`, boolean `eq|neq`; `isSet` / `isNotSet` for any.
   */
  z.object({
    type: z.literal('attribute'),
    key: z.string().min(1).max(40),
    op: z.enum(['eq', 'neq', 'contains', 'gt', 'lt', 'before', 'after', 'isSet', 'isNotSet']),
    value: z.union([z.string().max(1000), z.number().finite(), z.boolean()]).optional(),
  }),
  /** Marketing consent is one of these states. */
  z.object({ type: z.literal('consent'), states: z.array(marketingConsentSchema).min(1) }),
  /** The number's country is (or, with `negate`, is not) one of these ISO codes. */
  z.object({
    type: z.literal('country'),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .min(1)
      .max(250),
    negate: z.boolean().optional(),
  }),
  /** Wrote to us within the last N days. */
  z.object({ type: z.literal('lastInbound'), withinDays: z.number().int().min(1).max(3650) }),
  /** Received (or not) campaign X. Refused with 422 until campaigns exist (issue 15). */
  z.object({
    type: z.literal('campaignReceived'),
    campaignId: z.string().min(1).max(64),
    received: z.boolean(),
  }),
  /** Replied (or not) to campaign X. Refused with 422 until campaigns exist (issue 15). */
  z.object({
    type: z.literal('campaignReplied'),
    campaignId: z.string().min(1).max(64),
    replied: z.boolean(),
  }),
]);
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

/** An and/or group of conditions and nested groups (at most 5 levels deep). */
export interface SegmentGroup {
  type: 'group';
  op: 'and' | 'or';
  children: SegmentNode[];
}
export type SegmentNode = SegmentCondition | SegmentGroup;

export const segmentGroupSchema: z.ZodType<SegmentGroup> = z
  .lazy(
    () =>
      z.object({
        type: z.literal('group'),
        op: z.enum(['and', 'or']),
        children: z.array(z.union([segmentConditionSchema, segmentGroupSchema])).max(50),
      }),
    // A recursive schema needs a name: the OpenAPI document refers to it as a component.
  )
  .meta({ id: 'SegmentGroup' });

/** A segment's filter: the root group (an empty `and` group matches every contact). */
export const segmentFilterSchema = segmentGroupSchema.refine(
  (g) => depthOf(g) <= 5,
  'Groups nest at most 5 levels deep',
);

function depthOf(node: SegmentNode): number {
  return node.type === 'group' ? 1 + Math.max(0, ...node.children.map(depthOf)) : 0;
}

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  filter: segmentGroupSchema,
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Segment = z.infer<typeof segmentSchema>;

/** `POST /api/v1/segments`, `PUT /api/v1/segments/:id`. */
export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  filter: segmentFilterSchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

/** `POST /api/v1/segments/preview`: the size of an unsaved tree. */
export const segmentPreviewInputSchema = z.object({ filter: segmentFilterSchema });
export const segmentPreviewSchema = z.object({ size: z.number().int() });
export type SegmentPreview = z.infer<typeof segmentPreviewSchema>;

// ---- Contacts ----

/** Which contacts: every field narrows the set (all combined with AND). */
export const contactFilterSchema = z.object({
  /** Part of the name, the number (digits) or an attribute value. */
  q: z.string().trim().max(200).optional(),
  /** Carries every one of these tags. */
  tagIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  consent: marketingConsentSchema.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** Members of this saved segment. */
  segmentId: z.string().min(1).max(64).optional(),
  /** An unsaved segment tree. */
  tree: segmentFilterSchema.optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const contactSortSchema = z.enum(['name', 'created', 'updated', 'lastInbound']);
export type ContactSort = z.infer<typeof contactSortSchema>;

const paging = {
  sort: contactSortSchema.default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** `GET /api/v1/contacts` query: the simple filters; trees go through `POST /contacts/query`. */
export const contactListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  tagId: z.string().min(1).max(64).optional(),
  consent: marketingConsentSchema.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  segmentId: z.string().min(1).max(64).optional(),
  ...paging,
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

/** `POST /api/v1/contacts/query`: the list with any filter, a segment tree included. */
export const contactQueryInputSchema = z.object({
  filter: contactFilterSchema.default({}),
  ...paging,
});
export type ContactQueryInput = z.infer<typeof contactQueryInputSchema>;

export const contactTagRefSchema = tagSchema.pick({ id: true, name: true, colour: true });

export const contactSummarySchema = z.object({
  id: z.string(),
  phoneE164: z.string().nullable(),
  waId: z.string().nullable(),
  username: z.string().nullable(),
  /** The display name: `givenName` when set, else WhatsApp's `profileName`. */
  name: z.string().nullable(),
  /** The name an admin, an import or the API gave; an inbound message never changes it. */
  givenName: z.string().nullable().optional(),
  /** The name in the person's WhatsApp profile, refreshed by their inbound messages. */
  profileName: z.string().nullable().optional(),
  country: z.string().nullable(),
  language: z.string().nullable(),
  marketingConsent: marketingConsentSchema,
  consentChangedAt: z.number().nullable(),
  attributes: z.record(z.string(), contactAttributeValueSchema),
  tags: z.array(contactTagRefSchema),
  lastInboundAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

export const contactPageSchema = z.object({
  contacts: z.array(contactSummarySchema),
  /** Contacts matching the filter, all pages. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ContactPage = z.infer<typeof contactPageSchema>;

export const contactMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  type: z.string(),
  /** The text or caption; null for media without one. */
  text: z.string().nullable(),
  status: z.string().nullable(),
  createdAt: z.number(),
});

export const contactDetailSchema = contactSummarySchema.extend({
  userId: z.string().nullable(),
  messageCount: z.number().int(),
  /** The newest messages, newest first. */
  recentMessages: z.array(contactMessageSchema),
  /** Campaigns sent to the contact; empty until campaigns exist (issue 15). */
  campaigns: z.array(z.object({ id: z.string(), name: z.string(), sentAt: z.number() })),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

const attributesInput = z.record(z.string().max(40), contactAttributeValueSchema);

/** `POST /api/v1/contacts`. The number goes through the phone normaliser. */
export const contactCreateSchema = z.object({
  phone: z.string().trim().min(1).max(40),
  name: z.string().trim().max(200).nullable().optional(),
  language: z.string().trim().max(35).nullable().optional(),
  attributes: attributesInput.optional(),
  tagIds: z.array(z.string().min(1).max(64)).max(50).optional(),
});
export type ContactCreate = z.infer<typeof contactCreateSchema>;

/** `PATCH /api/v1/contacts/:id`: given fields change; `attributes` merge (null clears one). */
export const contactUpdateSchema = contactCreateSchema.partial();
export type ContactUpdate = z.infer<typeof contactUpdateSchema>;

/** Which contacts a bulk action applies to: chosen ids, or every contact matching a filter. */
export const contactSelectionSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }),
  z.object({ filter: contactFilterSchema }),
]);
export type ContactSelection = z.infer<typeof contactSelectionSchema>;

/** `POST /api/v1/contacts/bulk`. */
export const contactBulkInputSchema = z.object({
  selection: contactSelectionSchema,
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('addTags'), tagIds: idList }),
    z.object({ type: z.literal('removeTags'), tagIds: idList }),
    z.object({ type: z.literal('delete') }),
  ]),
});
export type ContactBulkInput = z.infer<typeof contactBulkInputSchema>;

export const contactBulkResultSchema = z.object({
  /** Contacts the action applied to (tags already carried, or already absent, count too). */
  affected: z.number().int(),
});
export type ContactBulkResult = z.infer<typeof contactBulkResultSchema>;
