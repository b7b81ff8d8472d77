import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { legalPageSchema } from '@kiana/contracts';
import type { ZodApp } from '../../../http/types';
import { errorHandler } from '../../../http/error-handler';
import { AppError, ValidationError } from '../../../errors';
import type { DeletionService } from '../deletion.service';
import type { LegalService } from './legal.service';
import { layout } from './legal.render';
import {
  deletionForm,
  indexBody,
  messageBody,
  statusBody,
  type DeletionFormValues,
} from './legal.pages';
import { isFresh, signedRequestKey, verifySignedRequest } from './meta-signed-request';
import { clientAddress } from '../../../http/client-address';

const css = fs.readFileSync(fileURLToPath(new URL('./legal.css', import.meta.url)), 'utf8');

/** Where Meta's callback answer points, and the app secrets that may sign a callback. */
export interface LegalRouteDeps {
  legal: LegalService;
  deletion: DeletionService;
  publicUrl: string;
  appSecrets(): Promise<string[]>;
}

// A person submits once; a few retries are fine; a script filling the queue is not.
const FORM_LIMIT = { max: 5, timeWindow: 10 * 60_000 };
const CALLBACK_LIMIT = { max: 60, timeWindow: 60_000 };

const formSchema = z.object({
  phone: z.string('must be text').trim().max(40).optional(),
  email: z.union([z.literal(''), z.email().max(254)], 'must be a valid email address').optional(),
  message: z.string('must be text').max(2000).optional(),
});
const FIELD_LABELS: Record<string, string> = {
  phone: 'phone number',
  email: 'email address',
  message: 'message',
};

/** One limit for every content type: a JSON body gets no more room than the HTML form. */
const PUBLIC_BODY_LIMIT = 16_384;

/** The typed values to show again: text only, whatever the body held. */
function typedValues(body: unknown): DeletionFormValues {
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { phone: text(o.phone), email: text(o.email), message: text(o.message) };
}

const html = (reply: FastifyReply, status: number, page: string): FastifyReply =>
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page);

/**
 * The public legal pages and the deletion endpoints, outside /api: no login, plain HTML,
 * no JavaScript. Registered in their own scope so the form parser and the HTML error
 * page apply here only.
 */
export async function legalRoutes(root: ZodApp, deps: LegalRouteDeps): Promise<void> {
  await root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
        (_req, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(String(body))));
        },
      );
    }
    app.setErrorHandler(async (error, request, reply) => {
      if (request.url.startsWith('/legal/data-deletion/callback')) {
        // The shared handler sends the reply itself; returning it tells Fastify it is done
        // (returning undefined from an async handler made it answer a second time).
        errorHandler(error, request, reply);
        return reply;
      }
      const code =
        error instanceof AppError ? error.status : (error as { statusCode?: unknown }).statusCode;
      // A GET whose path does not validate (`/legal/cookies`) asks for a page that does not exist.
      const isUnknownPage =
        request.method === 'GET' &&
        typeof error === 'object' &&
        error !== null &&
        'validation' in error;
      const status = isUnknownPage ? 404 : typeof code === 'number' ? code : 500;
      const company = await deps.legal.companyName().catch(() => 'Legal information');
      const [title, text] =
        status === 429
          ? [
              'Too many requests',
              'Please wait a few minutes and try again, or write to us by email.',
            ]
          : status === 404
            ? ['Page not found', 'There is no such page.']
            : ['Something went wrong', 'Please try again later, or write to us by email.'];
      if (status >= 500) request.log.error({ err: error }, 'legal page failed');
      return html(reply, status, layout({ title, company, body: messageBody(title, text) }));
    });

    app.get('/legal/assets/legal.css', async (_req, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(css),
    );

    app.get('/legal', async (_req, reply) => {
      const company = await deps.legal.companyName();
      return html(
        reply,
        200,
        layout({ title: 'Legal information', company, current: 'index', body: indexBody(company) }),
      );
    });

    const showPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      page: z.infer<typeof legalPageSchema>,
      form?: { values: DeletionFormValues; error: string },
    ) => {
      const q = z
        .object({ version: z.coerce.number().int().min(1).optional() })
        .safeParse(request.query);
      const rendered = await deps.legal.render(page, q.success ? q.data.version : undefined);
      if (rendered === undefined)
        return html(
          reply,
          404,
          layout({
            title: 'Version not found',
            company: await deps.legal.companyName(),
            body: messageBody('Version not found', 'This page has no such published version.'),
          }),
        );
      const extra = page === 'data-deletion' ? deletionForm(form?.values, form?.error) : '';
      return html(
        reply,
        form === undefined ? 200 : 400,
        layout({ ...rendered, current: page, body: rendered.body + extra }),
      );
    };

    app.get(
      '/legal/:page',
      { schema: { params: z.object({ page: legalPageSchema }) } },
      async (request, reply) => showPage(request, reply, request.params.page),
    );

    app.post(
      '/legal/data-deletion',
      { config: { rateLimit: FORM_LIMIT }, bodyLimit: PUBLIC_BODY_LIMIT },
      async (request, reply) => {
        const body: unknown = request.body ?? {};
        const parsed = formSchema.safeParse(typeof body === 'object' ? body : {});
        const values = typedValues(body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = String(issue?.path[0] ?? 'form');
          return showPage(request, reply, 'data-deletion', {
            values,
            error: `Please check the ${FIELD_LABELS[field] ?? field}: it ${issue?.message ?? 'is not valid'}.`,
          });
        }
        const { phone, email, message } = parsed.data;
        if ((phone ?? '') === '' && (email ?? '') === '') {
          return showPage(request, reply, 'data-deletion', {
            values,
            error: 'Please give your phone number or your email address.',
          });
        }
        try {
          const row = await deps.deletion.open(
            { phone, email: email === '' ? undefined : email, message },
            'form',
            {
              actor: { type: 'anonymous' },
              ip: clientAddress(request),
              userAgent: request.headers['user-agent'] ?? null,
            },
          );
          return reply.redirect(
            `/legal/data-deletion/status/${encodeURIComponent(row.code)}?new=1`,
            303,
          );
        } catch (error) {
          if (error instanceof ValidationError)
            return showPage(request, reply, 'data-deletion', { values, error: error.message });
          throw error;
        }
      },
    );

    app.get(
      '/legal/data-deletion/status/:code',
      {
        schema: {
          params: z.object({ code: z.string().max(40) }),
          querystring: z.object({ new: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const row = await deps.deletion.findByCode(request.params.code);
        const company = await deps.legal.companyName();
        if (row === undefined) {
          return html(
            reply,
            404,
            layout({
              title: 'Request not found',
              company,
              body: messageBody(
                'Request not found',
                'No deletion request has this confirmation code. Check the code, or write to us by email.',
              ),
            }),
          );
        }
        return html(
          reply,
          200,
          layout({
            title: 'Data deletion request',
            company,
            current: 'data-deletion',
            body: statusBody(row, request.query.new === '1'),
          }),
        );
      },
    );

    // Meta's Data Deletion Request Callback: a form POST with `signed_request`; the answer
    // must be JSON `{ url, confirmation_code }` (developers.facebook.com/docs/development/
    // create-an-app/app-dashboard/data-deletion-callback).
    app.post(
      '/legal/data-deletion/callback',
      { config: { rateLimit: CALLBACK_LIMIT }, bodyLimit: PUBLIC_BODY_LIMIT },
      async (request, reply) => {
        const body = z
          .object({ signed_request: z.string().min(3).max(8192) })
          .safeParse(request.body);
        if (!body.success) throw new ValidationError('signed_request is missing');
        const payload = verifySignedRequest(body.data.signed_request, await deps.appSecrets());
        if (payload === undefined) {
          throw new AppError(
            'invalid_signed_request',
            'The signed_request signature does not verify',
            { status: 400 },
          );
        }
        if (!isFresh(payload, Date.now())) {
          throw new AppError(
            'stale_signed_request',
            'The signed_request is expired, too old or has no issued_at',
            { status: 400 },
          );
        }
        const row = await deps.deletion.openForMetaCallback(
          {
            metaUserId: payload.user_id,
            callbackKey: signedRequestKey(body.data.signed_request),
          },
          {
            actor: { type: 'anonymous', name: 'meta' },
            ip: clientAddress(request),
            userAgent: request.headers['user-agent'] ?? null,
          },
        );
        return reply.send({
          url: `${deps.publicUrl}/legal/data-deletion/status/${row.code}`,
          confirmation_code: row.code,
        });
      },
    );
  });
}
