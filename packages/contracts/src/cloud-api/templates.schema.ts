import { z } from 'zod';

// WhatsApp Business Management API: message templates (NOTES §4). Upper-case component
// types when creating/listing, unlike sends.

export const templateCategorySchema = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
export const templateStatusSchema = z.enum([
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'ARCHIVED',
  'LIMIT_EXCEEDED',
  'FLAGGED',
]);
export type TemplateStatus = z.infer<typeof templateStatusSchema>;

export const templateButtonSchema = z.looseObject({
  type: z.enum([
    'QUICK_REPLY',
    'URL',
    'PHONE_NUMBER',
    'COPY_CODE',
    'OTP',
    'FLOW',
    'CATALOG',
    'MPM',
  ]),
  text: z.string().max(25).optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
  example: z.union([z.array(z.string()), z.string()]).optional(),
});

export const templateComponentSchema = z.looseObject({
  type: z.enum(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']),
  format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'GIF', 'DOCUMENT', 'LOCATION', 'PRODUCT']).optional(),
  text: z.string().optional(),
  example: z.looseObject({}).optional(),
  buttons: z.array(templateButtonSchema).max(10).optional(),
});
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

/** A template as `GET /{waba-id}/message_templates` returns it. */
export const templateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: templateStatusSchema,
  category: templateCategorySchema,
  parameter_format: z.enum(['POSITIONAL', 'NAMED']).optional(),
  components: z.array(templateComponentSchema),
  rejected_reason: z.string().optional(),
  quality_score: z.looseObject({ score: z.string() }).optional(),
});
export type Template = z.infer<typeof templateSchema>;

/** Body of `POST /{waba-id}/message_templates`; names are lower-case, digits and underscores. */
export const createTemplateRequestSchema = z.looseObject({
  name: z
    .string()
    .max(512)
    .regex(/^[a-z0-9_]+$/),
  language: z.string().min(2),
  category: templateCategorySchema,
  parameter_format: z.enum(['POSITIONAL', 'NAMED']).optional(),
  allow_category_change: z.boolean().optional(),
  components: z.array(templateComponentSchema).min(1),
});
export type CreateTemplateRequest = z.infer<typeof createTemplateRequestSchema>;

export const createTemplateResponseSchema = z.object({
  id: z.string(),
  status: templateStatusSchema,
  category: templateCategorySchema,
});

export const graphPagingSchema = z.looseObject({
  cursors: z.object({ before: z.string(), after: z.string() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

export const templateListResponseSchema = z.object({
  data: z.array(templateSchema),
  paging: graphPagingSchema.optional(),
  summary: z.looseObject({ total_count: z.number().optional() }).optional(),
});
export type TemplateListResponse = z.infer<typeof templateListResponseSchema>;
