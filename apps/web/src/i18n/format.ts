import type { CalendarSystem, PanelLanguage } from '@kiana/contracts';

/** What formatting depends on: the user's language, time zone and calendar. */
export interface LocaleSettings {
  language: PanelLanguage;
  timeZone: string;
  calendar: CalendarSystem;
}

/**
 * The BCP 47 tag Intl formats with. Arabic asks for Arabic-Indic digits explicitly (CLDR's
 * plain `ar` now defaults to Western digits, unlike the Gulf and Egypt); Persian has
 * Persian digits by default; the calendar is the user's choice (Solar Hijri or Gregorian).
 */
export function localeTag(settings: Pick<LocaleSettings, 'language' | 'calendar'>): string {
  const calendar = `ca-${settings.calendar === 'persian' ? 'persian' : 'gregory'}`;
  switch (settings.language) {
    case 'ar':
      return `ar-u-${calendar}-nu-arab`;
    case 'fa':
      return `fa-IR-u-${calendar}-nu-arabext`;
    default:
      return `${settings.language}-u-${calendar}`;
  }
}

const toDate = (value: string | number | Date): Date =>
  value instanceof Date ? value : new Date(value);

/** Formatters bound to one user's settings. */
export function createFormatters(settings: LocaleSettings) {
  const tag = localeTag(settings);
  const timeZone = settings.timeZone;
  const dateTime = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const dateOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const timeOnly = new Intl.DateTimeFormat(tag, { timeStyle: 'medium', timeZone });
  const numbers = new Intl.NumberFormat(tag);
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  return {
    tag,
    /** Date and time, e.g. "30 Nov 2026, 14:05" in the user's zone. */
    dateTime: (value: string | number | Date) => dateTime.format(toDate(value)),
    date: (value: string | number | Date) => dateOnly.format(toDate(value)),
    time: (value: string | number | Date) => timeOnly.format(toDate(value)),
    number: (value: number) => numbers.format(value),
    currency: (amount: number, currency: string) =>
      new Intl.NumberFormat(tag, { style: 'currency', currency }).format(amount),
    /** "3 minutes ago", "in 2 days": the largest unit that is at least one. */
    relative(value: string | number | Date, now: number = Date.now()): string {
      const seconds = Math.round((toDate(value).getTime() - now) / 1000);
      const units: [Intl.RelativeTimeFormatUnit, number][] = [
        ['year', 31_536_000],
        ['month', 2_592_000],
        ['week', 604_800],
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(seconds, 'second');
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

/** The browser's time zone, or UTC when it cannot tell. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
