import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { SimContext } from './context';
import type { SimulatorControl } from './control/control';
import { registerControlRoutes } from './control/control.routes';
import { errorEnvelope, MetaError } from './graph/errors';
import { registerMediaRoutes } from './graph/media.routes';
import { registerMessageRoutes } from './graph/messages.routes';
import { registerObjectRoutes } from './graph/objects.routes';
import { registerTemplateRoutes } from './graph/templates.routes';
import { registerUploadRoutes } from './graph/uploads.routes';
import { registerPhonePage } from './phone-page/phone-page.routes';
import { nextTraceId } from './state/ids';

// The HTTP server: Graph API routes, media, the control API and the customer phone page.
// No request logging on the hot path: a benchmark sends thousands of requests a second.

/** Builds the Fastify app of one simulator. */
export function buildApp(ctx: SimContext, control: SimulatorControl): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, keepAliveTimeout: 30_000 });
  void app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });
  // The spec declares `Content-Type: application/json` on bodiless calls (DELETE of a media id),
  // and clients send it: an empty JSON body is no body, not a parse error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, undefined);
      return;
    }
    void jsonParser(request, text, done);
  });

  app.decorateRequest('bucUsage', undefined);
  // Meta's response headers (NOTES §0): version, request and trace ids, and the business
  // use-case usage on WABA (management) calls.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/_sim') && request.url !== '/') {
      const version = request.url.split('/')[1] ?? '';
      if (/^v\d+\.\d+$/.test(version)) void reply.header('facebook-api-version', version);
      void reply.header('x-fb-request-id', `sim-${request.id}`);
      if (!reply.hasHeader('x-fb-trace-id')) void reply.header('x-fb-trace-id', nextTraceId());
      if (request.bucUsage !== undefined)
        void reply.header('x-business-use-case-usage', request.bucUsage);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/_sim')) return;
    ctx.store.logRequest({
      at: Date.now(),
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      status: reply.statusCode,
      ...(reply.errorCode !== undefined ? { errorCode: reply.errorCode } : {}),
    });
  });

  app.setErrorHandler((err, request, reply) => {
    const error = err as FastifyError;
    if (request.url.startsWith('/_sim')) {
      const status =
        error instanceof MetaError
          ? 400
          : error.name === 'ZodError'
            ? 400
            : (error.statusCode ?? 500);
      return reply.code(status).send({ error: { message: error.message } });
    }
    if (error instanceof MetaError) {
      reply.errorCode = error.code;
      const envelope = errorEnvelope(error.code, error.details, error.subcode);
      // The body's fbtrace_id and the x-fb-trace-id header name the same trace.
      return reply
        .code(error.httpStatus)
        .header('x-fb-trace-id', envelope.error.fbtrace_id)
        .send(envelope);
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      // Malformed JSON, wrong content type, oversized body: Meta answers code 100.
      reply.errorCode = 100;
      return reply.code(400).send(errorEnvelope(100, error.message));
    }
    ctx.logger.error({ err: error, url: request.url }, 'simulator route failed');
    reply.errorCode = 1;
    return reply.code(500).send(errorEnvelope(1, 'An unknown error occurred'));
  });

  registerControlRoutes(app, control);
  registerPhonePage(app);
  registerMediaRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerUploadRoutes(app, ctx);
  registerObjectRoutes(app, ctx);
  return app;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** `x-business-use-case-usage` of a counted management call. */
    bucUsage?: string;
  }
  interface FastifyReply {
    /** Meta error code of this response, for the request log. */
    errorCode?: number;
  }
}
