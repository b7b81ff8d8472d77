import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  getCountries,
  getExampleNumber,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { countryOfE164, e164FromWaId, normalisePhone } from './contacts.phone';

// One real mobile number per country: every numbering plan the library knows.
const samples = getCountries()
  .map((country) => getExampleNumber(country, examples))
  .filter((n) => n !== undefined);

/** The ways people write one number: separators, brackets, 00, national form, +. */
function writings(n: (typeof samples)[number]): Array<{ text: string; country: CountryCode }> {
  const country = n.country ?? 'US';
  const intl = n.formatInternational();
  const national = n.formatNational();
  return [
    n.number,
    intl,
    intl.replaceAll(' ', '-'),
    intl.replaceAll(' ', '.'),
    `00${n.number.slice(1)}`,
    `00 ${intl.slice(1)}`,
    `+${n.countryCallingCode} (${n.nationalNumber.slice(0, 3)}) ${n.nationalNumber.slice(3)}`,
    `  ${n.number}\u00a0`,
    national,
    national.replace(/\D/g, ''),
  ].map((text) => ({ text, country }));
}

describe('phone normaliser', () => {
  it('has a sample number for every country', () => {
    expect(samples.length).toBeGreaterThan(200);
  });

  it('dedupes one number written in many formats to one E.164 (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), (n) => {
        const forms = writings(n).map(({ text, country }) =>
          normalisePhone(text, { defaultCountry: country }),
        );
        // Territories sharing a range (AX and FI) may name either country; the number is one.
        for (const r of forms) expect(r).toMatchObject({ ok: true, e164: n.number });
        expect(new Set(forms.map((r) => (r.ok ? r.e164 : r.reason))).size).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('reads separators anywhere between the digits (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.constantFrom(' ', '-', '.', '(', ')', '/'), { minLength: 20, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (n, seps, where) => {
          const digits = n.number.slice(1);
          const written = [...digits].map((d, i) => (where[i] === true ? `${d}${seps[i]}` : d));
          const r = normalisePhone(`+${written.join('')}`);
          expect(r.ok && r.e164).toBe(n.number);
        },
      ),
    );
  });

  it('reads digits without "+" as international when there is no default country', () => {
    expect(normalisePhone('4915112345678')).toMatchObject({ ok: true, e164: '+4915112345678' });
    // A CSV of international numbers without "+" still works with a default country.
    expect(normalisePhone('4915112345678', { defaultCountry: 'US' })).toMatchObject({
      ok: true,
      e164: '+4915112345678',
      country: 'DE',
    });
  });

  it('reads a national number in the default country', () => {
    expect(normalisePhone('01511 2345678', { defaultCountry: 'DE' })).toEqual({
      ok: true,
      e164: '+4915112345678',
      country: 'DE',
    });
    expect(normalisePhone('(11) 98765-4321', { defaultCountry: 'BR' })).toMatchObject({
      e164: '+5511987654321',
    });
  });

  it('refuses what is not a number, with a reason', () => {
    expect(normalisePhone('')).toEqual({ ok: false, reason: 'The number is empty' });
    expect(normalisePhone('call me')).toMatchObject({ ok: false });
    expect(normalisePhone('+44 abc 123')).toEqual({
      ok: false,
      reason: expect.stringMatching(/not a phone number/) as unknown,
    });
    expect(normalisePhone('12')).toEqual({
      ok: false,
      reason: expect.stringMatching(/too short/) as unknown,
    });
    expect(normalisePhone('+49 151 1234567890123')).toEqual({
      ok: false,
      reason: expect.stringMatching(/too long/) as unknown,
    });
  });

  it('refuses a number the country plan does not allow, naming the country', () => {
    // Right length for the UK, but 07700 900xxx is a range reserved for drama (max metadata).
    expect(normalisePhone('+44 7700 900123')).toEqual({
      ok: false,
      reason: '+447700900123 is not a valid number for country code +44',
    });
    expect(normalisePhone('020 1234 567', { defaultCountry: 'GB' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/GB/) as unknown,
    });
    // Only the length is checked for numbers that came from wa_ids.
    expect(normalisePhone('+44 7700 900123', { check: 'possible' })).toMatchObject({
      ok: true,
      e164: '+447700900123',
    });
  });

  it('never throws and never accepts without an E.164 (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[+0-9 ().-]{0,25}$/)),
        fc.constantFrom<string | null>(null, 'US', 'BR', 'DE', 'IN'),
        (text, country) => {
          const r = normalisePhone(text, { defaultCountry: country });
          if (r.ok) expect(r.e164).toMatch(/^\+[1-9]\d{5,16}$/);
          else expect(r.reason.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts as possible exactly what the length check accepts (property)', () => {
    // The possible check reads the length on the number it parsed; libphonenumber's own
    // `validatePhoneNumberLength` parses again. They must agree on every number.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...samples).map((n) => n.number),
          fc.stringMatching(/^\+[1-9][0-9]{3,16}$/),
        ),
        (text) => {
          let expected: boolean;
          try {
            expected =
              validatePhoneNumberLength(parsePhoneNumberWithError(text).number) === undefined;
          } catch {
            expected = false;
          }
          const r = normalisePhone(text, { check: 'possible' });
          expect(r.ok).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the country of a stored number', () => {
    expect(countryOfE164('+5511987654321')).toBe('BR');
    // A range no plan lists has no country (it still has a calling code).
    expect(countryOfE164('+447700900123')).toBeNull();
  });
});

describe('wa_id to E.164 keeps WhatsApp quirks', () => {
  it("reads Mexico's 521 wa_id as the +52 number people write", () => {
    // WhatsApp reports Mexican mobiles as 521 + 10 digits; the number has no 1 since 2019.
    expect(e164FromWaId('5215512345678')).toBe('+525512345678');
    expect(e164FromWaId('525512345678')).toBe('+525512345678');
    expect(e164FromWaId('5213312345678')).toBe('+523312345678');
  });
  it('gives a Brazilian mobile wa_id without the ninth digit its ninth digit', () => {
    expect(e164FromWaId('551187654321')).toBe('+5511987654321');
    expect(e164FromWaId('5511987654321')).toBe('+5511987654321');
    // A landline (8 digits from 2 to 5) has no ninth digit to gain.
    expect(e164FromWaId('551132654321')).toBe('+551132654321');
  });
});
