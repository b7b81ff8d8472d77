import { ValidationError } from '../errors';
import type { GraphCredentials, GraphTransport } from './graph.transport';
import { collectPages } from './graph.paging';
import { createTemplateRequestSchema } from '@kiana/contracts';
import {
  createTemplateResponseSchema,
  successResponseSchema,
  templatePageSchema,
  type CreateTemplateBody,
  type CreateTemplateResponse,
  type MessageTemplate,
  type SuccessResponse,
  type TemplatePage,
} from './graph.schemas';

/** Filters and paging of `GET /{waba-id}/message_templates`. */
export interface ListTemplatesOptions {
  name?: string;
  status?: string;
  category?: string;
  language?: string;
  content?: string;
  nameOrContent?: string;
  qualityScore?: string;
  /** Comma-joined into `fields=`; Meta's default set omits e.g. `quality_score`. */
  fields?: readonly string[];
  /** Adds `summary=total_count,message_template_count,message_template_limit`. */
  summary?: boolean;
  limit?: number;
  after?: string;
  before?: string;
}

/** One page of a WABA's templates. */
export async function listTemplates(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  options: ListTemplatesOptions = {},
): Promise<TemplatePage> {
  return t.call(creds, {
    method: 'GET',
    segments: [wabaId, 'message_templates'],
    query: {
      name: options.name,
      status: options.status,
      category: options.category,
      language: options.language,
      content: options.content,
      name_or_content: options.nameOrContent,
      quality_score: options.qualityScore,
      fields: options.fields?.join(','),
      summary:
        options.summary === true
          ? 'total_count,message_template_count,message_template_limit'
          : undefined,
      limit: options.limit,
      after: options.after,
      before: options.before,
    },
    schema: templatePageSchema,
  });
}

/** Every template of a WABA, following cursors until Meta says there is no next page. */
export async function listAllTemplates(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  options: Omit<ListTemplatesOptions, 'after' | 'before'> = {},
): Promise<MessageTemplate[]> {
  return collectPages((after) =>
    listTemplates(t, creds, wabaId, {
      limit: 100,
      ...options,
      ...(after === undefined ? {} : { after }),
    }),
  );
}

/** Submits a template for review; it starts PENDING and changes by webhook. */
export async function createTemplate(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  body: CreateTemplateBody,
): Promise<CreateTemplateResponse> {
  const parsed = createTemplateRequestSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError('Invalid template', parsed.error.issues);
  return t.call(creds, {
    method: 'POST',
    segments: [wabaId, 'message_templates'],
    json: parsed.data,
    schema: createTemplateResponseSchema,
  });
}

/**
 * Deletes a template by name: every language of it, or, with `hsmId` (the template id),
 * only that one language version (Meta's `deleteTemplateByName` with `hsm_id`).
 */
export async function deleteTemplate(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  target: { name: string; hsmId?: string },
): Promise<SuccessResponse> {
  return t.call(creds, {
    method: 'DELETE',
    segments: [wabaId, 'message_templates'],
    query: { name: target.name, hsm_id: target.hsmId },
    schema: successResponseSchema,
  });
}
