import type { MarketingConsent } from '@kiana/contracts';

/** Badge colour of each consent state. */
export const consentColor: Record<MarketingConsent, string> = {
  opted_in: 'green',
  opted_out: 'red',
  unknown: 'gray',
};

export const consentStates: readonly MarketingConsent[] = ['opted_in', 'opted_out', 'unknown'];

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Every region the browser can name, as `{ value: 'BR', label: 'Brazil' }` in `language`,
 * sorted by name. Taken from Intl rather than a hand-kept list, so names follow the UI
 * language; codes Intl does not know (unassigned pairs) are left out.
 */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'none' });
  const out: { value: string; label: string }[] = [];
  for (const a of letters)
    for (const b of letters) {
      const code = `${a}${b}`;
      const label = names.of(code);
      // Groupings such as EU, UN and the private-use codes (QO, XA…) are not countries.
      if (label !== undefined && label !== code && !/^(EU|EZ|UN|Q[M-Z]|X[A-Z]|ZZ)$/.test(code))
        out.push({ value: code, label });
    }
  const collator = new Intl.Collator(language);
  return out.sort((x, y) => collator.compare(x.label, y.label));
}

/** A contact's display name: the profile name, else the username or the number. */
export function displayName(c: {
  name: string | null;
  username: string | null;
  phoneE164: string | null;
}): string | null {
  return c.name ?? c.username ?? c.phoneE164;
}

/** A region's name in `language` (`GB` → `United Kingdom`), or the code when unknown. */
export function countryName(code: string, language: string): string {
  return (
    new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' }).of(code) ?? code
  );
}
