import { z } from 'zod';
import { AppError } from '../errors';
import { classifyGraphError, isRetryableClass, type GraphErrorClass } from './graph.classify';

/** A number Meta sometimes sends as a string (YCloud captured `"error_subcode":"2494071"`). */
const numberish = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/**
 * Meta's synchronous error envelope (NOTES.md §2.1). Only `code` is relied upon; everything
 * else is optional because Meta omits members freely (`error_subcode` is "deprecated" yet
 * still sent) and `error_data` is a plain string on some template-management errors.
 */
export const graphErrorEnvelopeSchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: numberish,
    error_subcode: numberish.optional().catch(undefined),
    error_data: z
      .union([z.string(), z.looseObject({ details: z.string().optional() })])
      .optional()
      .catch(undefined),
    error_user_title: z.string().optional().catch(undefined),
    error_user_msg: z.string().optional().catch(undefined),
    is_transient: z.boolean().optional().catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
  }),
});
export type GraphErrorEnvelope = z.infer<typeof graphErrorEnvelopeSchema>;

/** Where a failure came from: Meta's answer, the network, or an answer we could not read. */
export type GraphFailureSource = 'graph' | 'network' | 'response';

export interface GraphApiErrorInit {
  classification: GraphErrorClass;
  source: GraphFailureSource;
  message: string;
  method: string;
  /** Path without query string; the token is never part of it. */
  path: string;
  httpStatus?: number | undefined;
  metaCode?: number | undefined;
  metaSubcode?: number | undefined;
  metaType?: string | undefined;
  title?: string | undefined;
  metaDetails?: string | undefined;
  fbtraceId?: string | undefined;
  isTransient?: boolean | undefined;
  /** Seconds Meta or the server asked us to wait (Retry-After, BUC estimated_time_to_regain_access). */
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/**
 * A failed Graph API call, classified. Carries Meta's fields so a service can record them and
 * decide; `details` (what the panel's API returns) holds them without any secret.
 */
export class GraphApiError extends AppError {
  readonly classification: GraphErrorClass;
  readonly source: GraphFailureSource;
  readonly method: string;
  readonly path: string;
  readonly httpStatus: number | undefined;
  readonly metaCode: number | undefined;
  readonly metaSubcode: number | undefined;
  readonly metaType: string | undefined;
  readonly title: string | undefined;
  readonly metaDetails: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly isTransient: boolean | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: GraphApiErrorInit) {
    // 502: for the panel's own API an upstream failure is a bad gateway, whatever Meta said.
    super('graph_api_error', init.message, {
      status: 502,
      cause: init.cause,
      isReportable:
        init.classification === 'retryable' || init.classification === 'unknown-outcome',
      details: {
        classification: init.classification,
        metaCode: init.metaCode,
        metaSubcode: init.metaSubcode,
        title: init.title,
        metaDetails: init.metaDetails,
        fbtraceId: init.fbtraceId,
        httpStatus: init.httpStatus,
      },
    });
    this.classification = init.classification;
    this.source = init.source;
    this.method = init.method;
    this.path = init.path;
    this.httpStatus = init.httpStatus;
    this.metaCode = init.metaCode;
    this.metaSubcode = init.metaSubcode;
    this.metaType = init.metaType;
    this.title = init.title;
    this.metaDetails = init.metaDetails;
    this.fbtraceId = init.fbtraceId;
    this.isTransient = init.isTransient;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /**
   * Whether sending the same request again is safe: the class says retrying may work, or
   * the outcome is unknown but the method is a read (nothing can be sent twice).
   */
  get isRetrySafe(): boolean {
    if (isRetryableClass(this.classification)) return true;
    return this.classification === 'unknown-outcome' && this.method === 'GET';
  }
}

/** Meta's `message` is "(#130429) Rate limit hit"; the title is the part after the code. */
function titleOf(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return message.replace(/^\(#\d+\)\s*/, '');
}

/** Builds the classified error for a non-2xx Graph response (body already JSON-parsed or not). */
export function graphErrorFromResponse(
  request: { method: string; path: string },
  httpStatus: number,
  body: unknown,
  retryAfterSeconds?: number,
): GraphApiError {
  const parsed = graphErrorEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    return new GraphApiError({
      ...request,
      source: 'response',
      classification: classifyGraphError({ httpStatus }),
      message: `Graph API answered HTTP ${httpStatus} without an error envelope`,
      httpStatus,
      retryAfterSeconds,
    });
  }
  const e = parsed.data.error;
  const details = typeof e.error_data === 'string' ? e.error_data : e.error_data?.details;
  return new GraphApiError({
    ...request,
    source: 'graph',
    classification: classifyGraphError({
      code: e.code,
      isTransient: e.is_transient,
      httpStatus,
    }),
    message: e.message ?? `Graph API error ${e.code}`,
    httpStatus,
    metaCode: e.code,
    metaSubcode: e.error_subcode,
    metaType: e.type,
    title: e.error_user_title ?? titleOf(e.message),
    metaDetails: details ?? e.error_user_msg,
    fbtraceId: e.fbtrace_id,
    isTransient: e.is_transient,
    retryAfterSeconds,
  });
}
