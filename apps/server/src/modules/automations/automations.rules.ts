import type { KeywordRule, NumberHours } from '@kiana/contracts';

// Formatters are costly to build; one per time zone is kept for the process's life.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday (0 Sunday) and minute of the day of an instant in a time zone (DST-aware). */
export function localTime(at: number, timeZone: string): { day: number; minute: number } {
  const parts = formatterOf(timeZone).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: WEEKDAYS.indexOf(part('weekday')),
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether the number is open at `at`: some interval of that local weekday holds the minute. */
export function isWithinHours(hours: Pick<NumberHours, 'timeZone' | 'intervals'>, at: number) {
  const { day, minute } = localTime(at, hours.timeZone);
  return hours.intervals.some(
    (i) => i.day === day && minuteOf(i.start) <= minute && minute < minuteOf(i.end),
  );
}

/** `pt-BR` matches a rule for `pt` or `pt-BR`; a rule without a language matches everyone. */
function languageMatches(rule: string | null, contact: string | null): boolean {
  if (rule === null) return true;
  if (contact === null) return false;
  const r = rule.toLowerCase();
  const c = contact.toLowerCase();
  return c === r || c.startsWith(`${r}-`);
}

/**
 * The first keyword rule an inbound text triggers, case-insensitively: `exact` compares the
 * whole trimmed text, `contains` looks for the keyword anywhere in it.
 */
export function matchKeyword(
  rules: readonly KeywordRule[],
  text: string | null,
  contactLanguage: string | null,
): KeywordRule | undefined {
  if (text === null) return undefined;
  const said = text.trim().toLocaleLowerCase();
  return rules.find((rule) => {
    if (!languageMatches(rule.language, contactLanguage)) return false;
    const word = rule.keyword.trim().toLocaleLowerCase();
    return rule.match === 'exact' ? said === word : said.includes(word);
  });
}
