import type { GraphErrorEnvelope, WebhookError } from '@kiana/contracts';
import { newTraceId } from '../state/ids';

// Meta's error codes as the simulator emits them (NOTES §2). Titles follow pywa's catalogue;
// HTTP statuses follow the NOTES §2.3 suggestion (clients must key off `code`, not status).

interface CodeInfo {
  title: string;
  http: number;
  type?: string;
  transient?: boolean;
}

const catalogue: Record<number, CodeInfo> = {
  1: { title: 'An unknown error occurred', http: 500, transient: true },
  2: { title: 'Service temporarily unavailable', http: 503, transient: true },
  4: { title: 'Application request limit reached', http: 429, transient: true },
  10: { title: 'Application does not have permission for this action', http: 403 },
  100: { title: 'Invalid parameter', http: 400 },
  104: { title: 'An access token is required to request this resource', http: 401 },
  190: { title: 'Invalid OAuth access token - Cannot parse access token', http: 401 },
  200: { title: 'Permissions error', http: 403 },
  2500: { title: 'Unknown path components', http: 400 },
  803: {
    title: 'Some of the aliases you requested do not exist',
    http: 404,
    type: 'GraphMethodException',
  },
  130429: { title: 'Rate limit hit', http: 429 },
  130472: { title: "User's number is part of an experiment", http: 400 },
  80007: {
    title: 'Business request limit reached for WhatsApp Business Account',
    http: 429,
    transient: true,
  },
  80008: {
    title: 'Business request limit reached for WhatsApp Business Management',
    http: 429,
    transient: true,
  },
  131000: { title: 'Something went wrong', http: 500, transient: true },
  131008: { title: 'Required parameter is missing', http: 400 },
  131009: { title: 'Parameter value is not valid', http: 400 },
  131016: { title: 'Service unavailable', http: 503, transient: true },
  131021: { title: 'Recipient cannot be sender', http: 400 },
  131026: { title: 'Message undeliverable', http: 400 },
  131030: { title: 'Recipient phone number not in allowed list', http: 400 },
  131047: { title: 'Re-engagement message', http: 400 },
  131048: { title: 'Spam rate limit hit', http: 400 },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    http: 400,
  },
  131050: {
    title:
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    http: 400,
  },
  131053: { title: 'Media upload error', http: 400 },
  131056: { title: '(Business Account, Consumer Account) pair rate limit hit', http: 429 },
  132000: { title: 'Number of parameters does not match the expected number of params', http: 400 },
  132001: { title: 'Template name does not exist in the translation', http: 404 },
  132012: { title: 'Parameter format does not match format in the created template', http: 400 },
  132015: { title: 'Template is Paused', http: 400 },
  132018: { title: 'There was an issue with the parameters in your template.', http: 400 },
  368: { title: 'Temporarily blocked for policies violations', http: 403 },
  131031: { title: 'Business Account locked', http: 403 },
  132016: { title: 'Template is Disabled', http: 400 },
};

/** Every code the simulator has a title for (the panel's failure catalogue must know each). */
export const simulatedErrorCodes: readonly number[] = Object.keys(catalogue).map(Number);

/** A Graph API error a route throws; the error handler renders Meta's envelope. */
export class MetaError extends Error {
  readonly httpStatus: number;
  constructor(
    readonly code: number,
    readonly details?: string,
    readonly subcode?: number,
  ) {
    super(titleOf(code));
    this.httpStatus = catalogue[code]?.http ?? 400;
  }
}

/** The title Meta gives a code. */
function titleOf(code: number): string {
  return catalogue[code]?.title ?? 'Unknown error';
}

/** `{ error: { message: "(#code) title", type, code, error_data, fbtrace_id } }`. */
export function errorEnvelope(
  code: number,
  details?: string,
  subcode?: number,
): GraphErrorEnvelope {
  const info = catalogue[code];
  return {
    error: {
      message: `(#${code}) ${titleOf(code)}`,
      type: info?.type ?? 'OAuthException',
      code,
      ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      ...(details !== undefined ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      ...(info?.transient === true ? { is_transient: true } : {}),
      fbtrace_id: newTraceId(),
    },
  };
}

// `error_data.details` Meta gives a code, the same in a synchronous envelope and in a failed
// status (the title is the fallback).
const details: Record<number, string> = {
  130472: "Failed to send message because this user's phone number is part of an experiment",
  131053: 'Media upload error: the media id has expired or could not be downloaded.',
  131026: 'Message Undeliverable.',
  131047:
    'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  131048:
    'Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.',
  131049:
    'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
};

/** Meta's `error_data.details` text for a code. */
export function detailsOf(code: number): string {
  return details[code] ?? titleOf(code);
}

/** The error object of a failed status webhook (no `type`; `title` and `href`, NOTES §2.2). */
export function webhookError(code: number): WebhookError {
  return {
    code,
    title: titleOf(code),
    message: titleOf(code),
    error_data: { details: detailsOf(code) },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}
