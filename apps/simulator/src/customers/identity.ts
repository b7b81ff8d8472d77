import { createHash } from 'node:crypto';
import type { Store } from '../state/store';
import type { CustomerDef } from '../state/model';

// Who a customer is to a business in 2026: the wa_id (phone digits), a business-scoped user id
// (BSUID, "<country>.<digits>", scoped to the business portfolio) and, for users who adopted a
// username, possibly no phone number at all (Meta, "Business-scoped user IDs", updated
// 2026-03-31; NOTES §8).

// Calling codes of the countries the seed and tests use; longest prefix wins.
const callingCodes: [string, string][] = [
  ['971', 'AE'],
  ['966', 'SA'],
  ['234', 'NG'],
  ['880', 'BD'],
  ['55', 'BR'],
  ['52', 'MX'],
  ['54', 'AR'],
  ['44', 'GB'],
  ['91', 'IN'],
  ['62', 'ID'],
  ['60', 'MY'],
  ['92', 'PK'],
  ['27', 'ZA'],
  ['20', 'EG'],
  ['49', 'DE'],
  ['34', 'ES'],
  ['33', 'FR'],
  ['39', 'IT'],
  ['1', 'US'],
];

/** ISO country of a number in digits (by calling code), "ZZ" when unknown. */
export function countryOf(digits: string): string {
  for (const [code, country] of callingCodes) if (digits.startsWith(code)) return country;
  return 'ZZ';
}

/** The customer's BSUID: the configured one, else a stable one derived from the wa_id. */
export function bsuidOf(waId: string, customer?: CustomerDef): string {
  if (customer?.userId !== undefined) return customer.userId;
  const digest = createHash('sha256').update(`bsuid:${waId}`).digest();
  // Meta's format: two-letter country, a dot, up to 128 alphanumerics (e.g. US.1349120865…).
  const digits = BigInt(`0x${digest.subarray(0, 8).toString('hex')}`).toString();
  return `${countryOf(waId)}.${digits}`;
}

/** The wa_id of the customer with this BSUID, if it is one of ours. */
export function waIdOfBsuid(store: Store, userId: string): string | undefined {
  for (const c of store.customers.values()) if (bsuidOf(c.waId, c) === userId) return c.waId;
  return undefined;
}
