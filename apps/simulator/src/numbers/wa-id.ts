// How WhatsApp turns the `to` of a send into the canonical `wa_id` (NOTES §8).

/** Digits of a recipient as typed ("+1 (555) 000-3333" → "15550003333"); undefined if implausible. */
export function normaliseRecipient(input: string): string | undefined {
  if (!/^[+\d\s().-]+$/.test(input)) return undefined;
  const digits = input.replace(/\D/g, '');
  // E.164 allows at most 15 digits; anything under 8 cannot be a mobile number with country code.
  return digits.length >= 8 && digits.length <= 15 ? digits : undefined;
}

/**
 * The canonical wa_id for a normalised number:
 * - Brazil (55): mobiles in area codes 31 and above were registered without the ninth digit,
 *   so `55 DD 9XXXXXXXX` becomes `55 DD XXXXXXXX` (the rule whatsapp-web.js and waha use).
 * - Mexico (52): mobile wa_ids carry the legacy `1`: `52` + 10 digits becomes `521` + 10 digits.
 * - Argentina (54): mobile wa_ids carry `9`: `54` + 10 digits becomes `549` + 10 digits.
 */
export function toWaId(digits: string): string {
  if (digits.startsWith('55') && digits.length === 13 && digits[4] === '9') {
    const area = Number(digits.slice(2, 4));
    if (area >= 31) return digits.slice(0, 4) + digits.slice(5);
  }
  if (digits.startsWith('52') && digits.length === 12) return `521${digits.slice(2)}`;
  if (digits.startsWith('54') && digits.length === 12) return `549${digits.slice(2)}`;
  return digits;
}
