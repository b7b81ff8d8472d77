import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The E.164 form of a WhatsApp id (`wa_id`, digits with the country code, NOTES §8), or
 * null when libphonenumber cannot read it as a possible number. The wa_id stays the key:
 * Mexico's `521…` and Brazil's missing ninth digit mean wa_id and E.164 can differ.
 */
export function e164FromWaId(waId: string): string | null {
  const digits = waId.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isPossible() === true ? parsed.number : null;
}
