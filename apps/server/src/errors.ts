/**
 * The typed error model. Services throw these and never import Fastify; one
 * handler (http/error-handler.ts) maps them to `{ code, message, details, requestId }`.
 */
export class AppError extends Error {
  /** Stable, machine-readable identifier, e.g. `not_found`. */
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  /** Whether an occurrence deserves an error-level log line. */
  readonly isReportable: boolean;

  constructor(
    code: string,
    message: string,
    options: { status?: number; details?: unknown; isReportable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
    this.isReportable = options.isReportable ?? this.status >= 500;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, { status: 400, details });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', code = 'unauthorized') {
    super(code, message, { status: 401 });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this', code = 'forbidden') {
    super(code, message, { status: 403 });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`, {
      status: 404,
    });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown, code = 'conflict') {
    super(code, message, { status: 409, details });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', message, { status: 413 });
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { status: 429, details: { retryAfterSeconds } });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, details?: unknown) {
    super('service_unavailable', message, { status: 503, details });
  }
}

/**
 * A write was refused because the lease (or job claim) it was made under has passed to
 * another process: the writer paused past its lease and must stop, not retry.
 */
export class LeaseLostError extends AppError {
  constructor(what: string) {
    super('lease_lost', `${what}: the lease was lost to another process`, { status: 409 });
  }
}
