import { z } from 'zod';
import {
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { defineSetting } from '../../platform/settings/settings';

/**
 * The one phone normaliser of the panel (contacts, imports, the suppression list, deletion
 * requests). It uses libphonenumber's full ("max") metadata: the default "min" metadata
 * checks only a number's length and accepts numbers that real numbering plans refuse.
 */
export type PhoneResult =
  { ok: true; e164: string; country: string | null } | { ok: false; reason: string };

/** The country a number written without its country code belongs to (ISO 3166 alpha-2). */
export const defaultCountrySetting = defineSetting<string | null>({
  key: 'contacts.defaultCountry',
  schema: z
    .string()
    .length(2)
    .refine((c) => isSupportedCountry(c), 'Unknown country')
    .nullable(),
  defaultValue: () => null,
});

export interface NormaliseOptions {
  /** Country of numbers written in national form (`020 7946 0958`); null: none allowed. */
  defaultCountry?: string | null;
  /**
   * `valid` (default) checks the country's numbering plan. `possible` checks only the length:
   * for matching numbers already stored from wa_ids (which Meta vouches for, and which can
   * sit in ranges the plans do not list, e.g. fictional or newly opened ones).
   */
  check?: 'valid' | 'possible';
}

// What people put around the digits of a number: spaces, dashes, dots, slashes, brackets.
const SEPARATORS = /[\s\u00a0\-./()[\]]/g;

/** Reads a number typed by a person or read from a file; never throws. */
export function normalisePhone(input: string, options: NormaliseOptions = {}): PhoneResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'The number is empty' };
  let compact = trimmed.replace(SEPARATORS, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!/^\+?\d+$/.test(compact)) {
    return {
      ok: false,
      reason: `"${clip(trimmed)}" is not a phone number (only digits, +, spaces, dashes, dots and brackets)`,
    };
  }
  const country = countryOf(options.defaultCountry);
  const check = options.check ?? 'valid';
  if (compact.startsWith('+')) return judge(compact, undefined, check);
  if (country === undefined) {
    // No default country: digits alone are read as international without the "+".
    return judge(`+${compact}`, undefined, check);
  }
  const national = judge(compact, country, check, false);
  if (national.ok) return national;
  // A CSV often holds international numbers without their "+": accept those too.
  const international = judge(`+${compact}`, undefined, check, false);
  if (international.ok) return international;
  // Both refused: the national reading's reason, explained now (it costs another parse).
  return judge(compact, country, check);
}

/** The E.164 form of a number, or a refusal; the same number in any format gives one result. */
export function toE164OrThrow(
  input: string,
  options: NormaliseOptions,
  fail: (reason: string) => Error,
): string {
  const result = normalisePhone(input, options);
  if (!result.ok) throw fail(result.reason);
  return result.e164;
}

/** Mexico: WhatsApp still reports mobiles with the `1` the 2019 numbering plan dropped. */
const MEXICO_WA_ID = /^521(\d{10})$/;
/** Brazil: an account older than the mobile ninth digit (2012–2016) keeps a wa_id without it. */
const BRAZIL_EIGHT_DIGIT_MOBILE = /^55(\d{2})([6-9]\d{7})$/;

/**
 * The E.164 form of a WhatsApp id (`wa_id`, digits with the country code, NOTES §8), or
 * null when libphonenumber cannot read it as a possible number. The two known places where
 * wa_id and number differ map to the number people write and import: Mexico's `521` + ten
 * digits is `+52` + the ten, and a Brazilian mobile without its ninth digit gains it. The
 * wa_id itself is kept as it came (it is how Meta knows the person).
 */
export function e164FromWaId(waId: string): string | null {
  const digits = waId.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return null;
  const mexico = MEXICO_WA_ID.exec(digits);
  if (mexico !== null) {
    const result = normalisePhone(`+52${mexico[1]}`);
    if (result.ok) return result.e164;
  }
  const brazil = BRAZIL_EIGHT_DIGIT_MOBILE.exec(digits);
  if (brazil !== null && !normalisePhone(`+${digits}`).ok) {
    const result = normalisePhone(`+55${brazil[1]}9${brazil[2]}`);
    if (result.ok) return result.e164;
  }
  const result = normalisePhone(`+${digits}`, { check: 'possible' });
  return result.ok ? result.e164 : null;
}

/**
 * The wa_id (digits) a canonical E.164 number is sent to: its digits. Meta accepts them for
 * every number; where the person's real wa_id differs (above), the first inbound message
 * teaches it to the contact (`upsertContactByWaId`).
 */
export function waIdOfE164(phoneE164: string): string {
  return phoneE164.replace(/^\+/, '');
}

/** The country of a stored E.164 number (null for non-geographic or unknown ranges). */
export function countryOfE164(e164: string): string | null {
  const result = normalisePhone(e164, { check: 'possible' });
  return result.ok ? result.country : null;
}

function countryOf(code: string | null | undefined): CountryCode | undefined {
  if (code === null || code === undefined) return undefined;
  const upper = code.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

// Told only whether the number is refused, not why (the reason a refusal costs a second
// parse; `normalisePhone` asks for it once both readings of a number have failed).
const REFUSED: PhoneResult = { ok: false, reason: 'refused' };

function judge(
  text: string,
  country: CountryCode | undefined,
  check: 'valid' | 'possible',
  explain = true,
): PhoneResult {
  const digits = text.replace(/\D/g, '');
  if (digits.length > 17) return { ok: false, reason: 'The number is too long' };
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(
      text,
      country === undefined ? undefined : { defaultCountry: country },
    );
  } catch (error) {
    return { ok: false, reason: parseReason(error, country) };
  }
  // A number valid by its plan has a valid length: the length check (a second parse, a
  // third of a call's cost) runs only to explain a refusal or for `possible`.
  if (check === 'valid' && parsed.isValid())
    return { ok: true, e164: parsed.number, country: parsed.country ?? null };
  if (check === 'valid' && !explain) return REFUSED;
  // Possible is the same length check on the number already parsed: the second parse runs
  // only to name a refusal (a new contact's country, read at every campaign send, paid it).
  if (check === 'possible' && parsed.isPossible())
    return { ok: true, e164: parsed.number, country: parsed.country ?? null };
  const length = validatePhoneNumberLength(parsed.number);
  if (length !== undefined) return { ok: false, reason: lengthReason(length, parsed) };
  if (check === 'valid') {
    const where = parsed.country ?? country;
    return {
      ok: false,
      reason:
        where === undefined
          ? `${parsed.number} is not a valid number for country code +${parsed.countryCallingCode}`
          : `${parsed.number} is not a valid number for ${where}`,
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

function parseReason(error: unknown, country: CountryCode | undefined): string {
  const code = error instanceof ParseError ? error.message : 'NOT_A_NUMBER';
  switch (code) {
    case 'INVALID_COUNTRY':
      return country === undefined
        ? 'The number has no country code; write it with "+" and the country code, or set a default country'
        : `The number has no valid country code for ${country}`;
    case 'TOO_SHORT':
      return 'The number is too short';
    case 'TOO_LONG':
      return 'The number is too long';
    default:
      return 'The value is not a phone number';
  }
}

function lengthReason(code: string, parsed: PhoneNumber): string {
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  switch (code) {
    case 'TOO_SHORT':
      return `The number is too short for ${where}`;
    case 'TOO_LONG':
      return `The number is too long for ${where}`;
    case 'INVALID_COUNTRY':
      return `+${parsed.countryCallingCode} is not a country code`;
    default:
      return `The number's length is not valid for ${where}`;
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
