import { z } from 'zod';

/** The languages of the panel and of the public legal pages; English is the source. */
export const panelLanguages = ['en', 'es', 'pt-BR', 'ar', 'fa'] as const;
export const panelLanguageSchema = z.enum(panelLanguages);
export type PanelLanguage = z.infer<typeof panelLanguageSchema>;

/** Each language's own name, shown in language pickers whatever the current language. */
export const panelLanguageNames: Record<PanelLanguage, string> = {
  en: 'English',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ar: 'العربية',
  fa: 'فارسی',
};

const rtl: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'dv', 'yi']);

/** Text direction of a BCP 47 language tag (its primary subtag decides). */
export function directionOf(tag: string): 'rtl' | 'ltr' {
  return rtl.has(tag.toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';
}

/**
 * The panel language closest to a list of preferred tags (browser order): an exact match
 * first, then the same primary language (`pt-PT` → `pt-BR`, `es-MX` → `es`, `fa-IR` → `fa`).
 */
export function matchPanelLanguage(preferred: readonly string[]): PanelLanguage | undefined {
  for (const tag of preferred) {
    const lower = tag.trim().toLowerCase().replace('_', '-');
    const exact = panelLanguages.find((l) => l.toLowerCase() === lower);
    if (exact !== undefined) return exact;
    const primary = lower.split('-')[0];
    const same = panelLanguages.find((l) => l.toLowerCase().split('-')[0] === primary);
    if (same !== undefined) return same;
  }
  return undefined;
}

/** The tags of an Accept-Language header, most wanted first (`q=0` means not wanted). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((t) => t.tag !== '' && t.tag !== '*' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((t) => t.tag);
}

/** Calendars a user may choose for dates; the Solar Hijri one is offered to Persian users. */
export const calendars = ['gregory', 'persian'] as const;
export const calendarSchema = z.enum(calendars);
export type CalendarSystem = z.infer<typeof calendarSchema>;

/** True for an IANA time zone this runtime knows (`Europe/Madrid`, `Asia/Tehran`, `UTC`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A user's language, time zone and calendar; null means "as the browser says". */
export const userPreferencesSchema = z.object({
  language: panelLanguageSchema.nullable(),
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'Unknown time zone' }).nullable(),
  calendar: calendarSchema.nullable(),
});
export type UserPreferences = z.infer<typeof userPreferencesSchema>;

/**
 * Western digits for Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) ones, and the
 * Arabic decimal and thousands separators, as people type them on those keyboards; inputs
 * accept either.
 */
export function normaliseDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}
