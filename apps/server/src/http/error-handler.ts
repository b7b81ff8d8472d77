import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, RateLimitedError } from '../errors';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

/** The one place where errors become HTTP responses. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request.id);
  if (error instanceof AppError) {
    if (error.isReportable) request.log.error({ err: error }, error.message);
    if (error instanceof RateLimitedError) {
      void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    void reply.status(error.status).send(body(error.code, error.message, requestId, error.details));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const first = details[0];
    const message =
      first === undefined ? 'The request is not valid' : `${first.field}: ${first.message}`;
    void reply.status(400).send(body('validation_failed', message, requestId, details));
    return;
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    void reply.status(500).send(body('internal_error', 'Internal server error', requestId));
    return;
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 429
            ? 'rate_limited'
            : 'bad_request';
    void reply.status(status).send(body(code, fastifyError.message ?? 'Bad request', requestId));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send(body('internal_error', 'Internal server error', requestId));
}

function body(code: string, message: string, requestId: string, details?: unknown): ErrorBody {
  return details === undefined
    ? { code, message, requestId }
    : { code, message, details, requestId };
}
