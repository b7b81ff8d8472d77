import type { GraphCredentials, GraphTransport } from './graph.transport';
import { collectPages } from './graph.paging';
import {
  phoneNumberPageSchema,
  phoneNumberSchema,
  successResponseSchema,
  wabaSchema,
  type PhoneNumber,
  type PhoneNumberPage,
  type SuccessResponse,
  type Waba,
} from './graph.schemas';

const fieldsParam = (fields: readonly string[] | undefined): string | undefined =>
  fields === undefined || fields.length === 0 ? undefined : fields.join(',');

/** Reads a WhatsApp Business Account (`GET /{waba-id}`). */
export async function getWaba(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  fields?: readonly string[],
): Promise<Waba> {
  return t.call(creds, {
    method: 'GET',
    segments: [wabaId],
    query: { fields: fieldsParam(fields) },
    schema: wabaSchema,
  });
}

/** One page of a WABA's phone numbers. */
export async function listPhoneNumbers(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  options: { fields?: readonly string[]; limit?: number; after?: string } = {},
): Promise<PhoneNumberPage> {
  return t.call(creds, {
    method: 'GET',
    segments: [wabaId, 'phone_numbers'],
    query: { fields: fieldsParam(options.fields), limit: options.limit, after: options.after },
    schema: phoneNumberPageSchema,
  });
}

/** Every phone number of a WABA, across pages. */
export async function listAllPhoneNumbers(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  fields?: readonly string[],
): Promise<PhoneNumber[]> {
  return collectPages((after) =>
    listPhoneNumbers(t, creds, wabaId, {
      ...(fields === undefined ? {} : { fields }),
      ...(after === undefined ? {} : { after }),
    }),
  );
}

/** Reads one phone number; `fields` picks e.g. `quality_rating`, `throughput`, `messaging_limit_tier`. */
export async function getPhoneNumber(
  t: GraphTransport,
  creds: GraphCredentials,
  phoneNumberId: string,
  fields?: readonly string[],
): Promise<PhoneNumber> {
  return t.call(creds, {
    method: 'GET',
    segments: [phoneNumberId],
    query: { fields: fieldsParam(fields) },
    schema: phoneNumberSchema,
  });
}

/**
 * Subscribes our app to the WABA's webhooks (`POST /{waba-id}/subscribed_apps`), optionally
 * overriding the callback URL for this WABA only.
 */
export async function subscribeApp(
  t: GraphTransport,
  creds: GraphCredentials,
  wabaId: string,
  override?: { callbackUri: string; verifyToken: string },
): Promise<SuccessResponse> {
  return t.call(creds, {
    method: 'POST',
    segments: [wabaId, 'subscribed_apps'],
    json:
      override === undefined
        ? {}
        : { override_callback_uri: override.callbackUri, verify_token: override.verifyToken },
    schema: successResponseSchema,
  });
}
