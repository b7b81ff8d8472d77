import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  legalMessages,
  legalPageSchema,
  matchPanelLanguage,
  normaliseDigits,
  panelLanguageSchema,
  parseAcceptLanguage,
} from '@kiana/contracts';
import type { ZodApp } from '../../../http/types';
import { errorHandler } from '../../../http/error-handler';
import { AppError, ValidationError } from '../../../errors';
import type { DeletionService } from '../deletion.service';
import type { LegalService } from './legal.service';
import { layout, legalHref, type LegalLocale } from './legal.render';
import {
  correctionForm,
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
  kind: z.enum(['deletion', 'correction']).default('deletion'),
  wrong: z.string('must be text').trim().max(2000).optional(),
  wanted: z.string('must be text').trim().max(2000).optional(),
});
/** One limit for every content type: a JSON body gets no more room than the HTML form. */
const PUBLIC_BODY_LIMIT = 16_384;

/** The typed values to show again: text only, whatever the body held. */
function typedValues(body: unknown): DeletionFormValues {
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    kind: text(o.kind),
    phone: text(o.phone),
    email: text(o.email),
    message: text(o.message),
    wrong: text(o.wrong),
    wanted: text(o.wanted),
  };
}

const html = (reply: FastifyReply, status: number, page: string): FastifyReply =>
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'Accept-Language')
    .send(page);

/** The visitor's language: a `?lang=` link first, then the browser's Accept-Language, then English. */
function localeOf(request: FastifyRequest): LegalLocale {
  const query = request.query as { lang?: unknown } | undefined;
  const chosen = panelLanguageSchema.safeParse(query?.lang);
  if (chosen.success) return { language: chosen.data, fromLink: true };
  const header = request.headers['accept-language'];
  const preferred = parseAcceptLanguage(Array.isArray(header) ? header.join(',') : header);
  return { language: matchPanelLanguage(preferred) ?? 'en', fromLink: false };
}

/** The request's path without its query, for the language links. */
const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '/legal';

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
      const locale = localeOf(request);
      const m = legalMessages[locale.language].errors;
      const company = await deps.legal
        .companyName()
        .catch(() => legalMessages[locale.language].legalInformation);
      const [title, text] =
        status === 429
          ? [m.tooManyTitle, m.tooManyText]
          : status === 404
            ? [m.notFoundTitle, m.notFoundText]
            : [m.failedTitle, m.failedText];
      if (status >= 500) request.log.error({ err: error }, 'legal page failed');
      return html(
        reply,
        status,
        layout({ title, company, locale, body: messageBody(title, text, locale) }),
      );
    });

    app.get('/legal/assets/legal.css', async (_req, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(css),
    );

    app.get('/legal', async (request, reply) => {
      const company = await deps.legal.companyName();
      const locale = localeOf(request);
      return html(
        reply,
        200,
        layout({
          title: legalMessages[locale.language].legalInformation,
          company,
          current: 'index',
          locale,
          path: '/legal',
          body: indexBody(company, locale),
        }),
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
      const locale = localeOf(request);
      const m = legalMessages[locale.language].errors;
      const rendered = await deps.legal.render(
        page,
        q.success ? q.data.version : undefined,
        locale,
      );
      if (rendered === undefined)
        return html(
          reply,
          404,
          layout({
            title: m.versionNotFoundTitle,
            company: await deps.legal.companyName(),
            locale,
            body: messageBody(m.versionNotFoundTitle, m.versionNotFoundText, locale),
          }),
        );
      // Each form shows its own values and error; the other one stays empty.
      const sent = form?.values.kind === 'correction' ? 'correction' : 'deletion';
      const extra =
        page === 'data-deletion'
          ? deletionForm(
              sent === 'deletion' ? form?.values : undefined,
              sent === 'deletion' ? form?.error : undefined,
              locale,
            ) +
            correctionForm(
              sent === 'correction' ? form?.values : undefined,
              sent === 'correction' ? form?.error : undefined,
              locale,
            )
          : '';
      return html(
        reply,
        form === undefined ? 200 : 400,
        layout({
          ...rendered,
          current: page,
          locale,
          path: `/legal/${page}`,
          body: rendered.body + extra,
        }),
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
        const words = legalMessages[localeOf(request).language].form;
        if (!parsed.success) {
          // Name the field the visitor has to fix, in their language.
          const field = String(parsed.error.issues[0]?.path[0] ?? 'form');
          const fixed = legalMessages[localeOf(request).language].correction;
          const error =
            field === 'phone'
              ? words.invalidPhone
              : field === 'message'
                ? `${words.message}: ${parsed.error.issues[0]?.message ?? ''}`
                : field === 'wrong' || field === 'wanted' || field === 'kind'
                  ? fixed.needTexts
                  : words.invalidEmail;
          return showPage(request, reply, 'data-deletion', { values, error });
        }
        const { email, message, kind, wrong, wanted } = parsed.data;
        const locale = localeOf(request);
        // Persian and Arabic keyboards type their own digits; the number is the same.
        const phone =
          parsed.data.phone === undefined ? undefined : normaliseDigits(parsed.data.phone);
        if ((phone ?? '') === '' && (email ?? '') === '') {
          return showPage(request, reply, 'data-deletion', {
            values,
            error: words.needContact,
          });
        }
        if (kind === 'correction' && ((wrong ?? '') === '' || (wanted ?? '') === '')) {
          return showPage(request, reply, 'data-deletion', {
            values,
            error: legalMessages[locale.language].correction.needTexts,
          });
        }
        try {
          const row = await deps.deletion.open(
            {
              phone,
              email: email === '' ? undefined : email,
              message,
              kind,
              correction:
                kind === 'correction' ? { wrong: wrong ?? '', wanted: wanted ?? '' } : undefined,
              language: locale.language,
            },
            'form',
            {
              actor: { type: 'anonymous' },
              ip: clientAddress(request),
              userAgent: request.headers['user-agent'] ?? null,
            },
          );
          return reply.redirect(
            legalHref(
              `/legal/data-deletion/status/${encodeURIComponent(row.code)}?new=1`,
              localeOf(request),
            ),
            303,
          );
        } catch (error) {
          // The server's English message stays for English readers; others get the translation.
          if (error instanceof ValidationError)
            return showPage(request, reply, 'data-deletion', {
              values,
              error: localeOf(request).language === 'en' ? error.message : words.invalidPhone,
            });
          throw error;
        }
      },
    );

    app.get(
      '/legal/data-deletion/status/:code',
      {
        schema: {
          params: z.object({ code: z.string().max(40) }),
          querystring: z.object({ new: z.string().optional(), lang: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const row = await deps.deletion.findByCode(request.params.code);
        const company = await deps.legal.companyName();
        const locale = localeOf(request);
        const m = legalMessages[locale.language];
        if (row === undefined) {
          return html(
            reply,
            404,
            layout({
              title: m.errors.requestNotFoundTitle,
              company,
              locale,
              body: messageBody(
                m.errors.requestNotFoundTitle,
                m.errors.requestNotFoundText,
                locale,
              ),
            }),
          );
        }
        return html(
          reply,
          200,
          layout({
            title: m.status.heading,
            company,
            current: 'data-deletion',
            locale,
            path: pathOf(request),
            body: statusBody(row, request.query.new === '1', locale),
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
