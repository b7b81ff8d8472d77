import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context';
import type { TemplateDef } from '../state/model';
import { createTemplate, deleteTemplates, toGraphTemplate } from '../templates/service';
import { expirePauses } from '../templates/lifecycle';
import { authorize, checkVersion, unknownObject } from './auth';
import { MetaError } from './errors';

// GET/POST/DELETE /{version}/{waba-id}/message_templates with Graph cursor paging, filters
// and summary (NOTES §4.1, §4.2).

interface Params {
  version: string;
  wabaId: string;
}

type Query = Record<string, string | undefined>;

const encodeCursor = (i: number): string => Buffer.from(`c:${i}`).toString('base64url');
const decodeCursor = (c: string): number => {
  const m = /^c:(\d+)$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (m?.[1] === undefined) throw new MetaError(100, 'Invalid cursor');
  return Number(m[1]);
};

/** Registers the template-management endpoints of a WABA. */
export function registerTemplateRoutes(app: FastifyInstance, ctx: SimContext): void {
  const prepare = (request: FastifyRequest<{ Params: Params }>): string => {
    checkVersion(ctx, request.params.version);
    authorize(ctx, request, request.params.wabaId, 'whatsapp_business_management');
    if (request.params.wabaId !== ctx.store.waba.id)
      throw unknownObject(request.params.wabaId, request.method);
    return request.params.wabaId;
  };

  app.get<{ Params: Params; Querystring: Query }>(
    '/:version/:wabaId/message_templates',
    async (request) => {
      const wabaId = prepare(request);
      expirePauses(ctx);
      const q = request.query;
      const all = [...ctx.store.templates.values()].filter(
        (t) => t.wabaId === wabaId && matches(t, q),
      );
      const limit = Math.min(Math.max(Number(q.limit ?? 25) || 25, 1), 1000);
      let start = 0;
      if (q.after !== undefined) start = decodeCursor(q.after) + 1;
      else if (q.before !== undefined) start = Math.max(decodeCursor(q.before) - limit, 0);
      const page = all.slice(start, start + limit);
      const fields = q.fields?.split(',').map((f) => f.trim());
      const data = page.map((t) => pick(toGraphTemplate(t), fields));
      const body: Record<string, unknown> = { data };
      if (page.length > 0) {
        const after = encodeCursor(start + page.length - 1);
        const paging: Record<string, unknown> = { cursors: { before: encodeCursor(start), after } };
        if (start + page.length < all.length)
          paging.next = pageUrl(ctx, request.url, { after, before: undefined });
        if (start > 0)
          paging.previous = pageUrl(ctx, request.url, {
            before: encodeCursor(start),
            after: undefined,
          });
        body.paging = paging;
      }
      if (q.summary !== undefined) {
        body.summary = {
          total_count: all.length,
          message_template_count: [...ctx.store.templates.values()].filter(
            (t) => t.wabaId === wabaId,
          ).length,
          message_template_limit: 250,
          are_translations_complete: true,
        };
      }
      return body;
    },
  );

  app.post<{ Params: Params }>('/:version/:wabaId/message_templates', async (request) => {
    const wabaId = prepare(request);
    const tpl = createTemplate(ctx, wabaId, request.body);
    return { id: tpl.id, status: tpl.status, category: tpl.category };
  });

  app.delete<{ Params: Params; Querystring: Query }>(
    '/:version/:wabaId/message_templates',
    async (request) => {
      const wabaId = prepare(request);
      if (request.query.name === undefined && request.query.hsm_id === undefined) {
        throw new MetaError(100, 'The parameter name is required');
      }
      deleteTemplates(ctx, wabaId, request.query.name, request.query.hsm_id);
      return { success: true };
    },
  );
}

function matches(t: TemplateDef, q: Query): boolean {
  const list = (v: string | undefined): string[] | undefined =>
    v?.split(',').map((s) => s.trim().toUpperCase());
  if (q.name !== undefined && !t.name.includes(q.name)) return false;
  if (q.status !== undefined && !(list(q.status) ?? []).includes(t.status)) return false;
  if (q.category !== undefined && !(list(q.category) ?? []).includes(t.category)) return false;
  if (q.language !== undefined && !q.language.split(',').includes(t.language)) return false;
  if (
    q.content !== undefined &&
    !t.components.some((c) => c.text?.includes(q.content ?? '') === true)
  )
    return false;
  return true;
}

function pick(obj: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (fields === undefined) return obj;
  const out: Record<string, unknown> = { id: obj.id };
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f];
  return out;
}

function pageUrl(ctx: SimContext, url: string, set: Record<string, string | undefined>): string {
  const u = new URL(url, ctx.baseUrl);
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  // access_token never goes into a link we hand out.
  u.searchParams.delete('access_token');
  return u.toString();
}
