import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The send window in the recipient's local time ("09:00–20:00 where they live"). The zone
 * comes from the number's country: libphonenumber-js finds the country, and the ICU data
 * built into Node lists the country's zones (`Intl.Locale#timeZones`). ICU lists a country's
 * zones alphabetically, so its first one is a poor guess (America/Adak for the United States,
 * America/Araguaina for Brazil): a country with several zones takes its main one from
 * `mainZoneByCountry` (where most of its people live), callers may still choose another per
 * country with `zoneByCountry`, and ICU's first zone is used only for a country not listed
 * there. Local times are worked out with
 * `Intl.DateTimeFormat`, so daylight saving follows the tz database (no Temporal needed).
 */

/** A daily window in local wall-clock time, `HH:MM`–`HH:MM`; past midnight when end < start. */
export interface SendWindow {
  start: string;
  end: string;
}

export interface ZoneOptions {
  /** The zone to use for a country instead of its main one (e.g. `{ US: 'America/Chicago' }`). */
  zoneByCountry?: Partial<Record<CountryCode, string>>;
  /** For numbers without a country (+800, +882 …); default UTC. */
  fallbackZone?: string;
}

export type WindowState =
  { isOpen: true; timeZone: string } | { isOpen: false; timeZone: string; opensAt: number };

/**
 * The main zone of each country ICU gives several: the zone of the capital or of the largest
 * share of the population (Eastern time for the United States and Canada, Moscow for Russia,
 * Brasília time for Brazil, Sydney for Australia …). Names are ICU's canonical ones (it still
 * says Europe/Kiev and America/Godthab), so each is one of the zones `Intl` lists.
 */
export const mainZoneByCountry: Readonly<Partial<Record<CountryCode, string>>> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  BR: 'America/Sao_Paulo',
  RU: 'Europe/Moscow',
  AU: 'Australia/Sydney',
  MX: 'America/Mexico_City',
  ID: 'Asia/Jakarta',
  KZ: 'Asia/Almaty',
  AR: 'America/Buenos_Aires',
  CN: 'Asia/Shanghai',
  CL: 'America/Santiago',
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  DE: 'Europe/Berlin',
  UA: 'Europe/Kiev',
  CD: 'Africa/Kinshasa',
  MN: 'Asia/Ulaanbaatar',
  NZ: 'Pacific/Auckland',
  EC: 'America/Guayaquil',
  MY: 'Asia/Kuala_Lumpur',
  UZ: 'Asia/Tashkent',
  PG: 'Pacific/Port_Moresby',
  GL: 'America/Godthab',
  CY: 'Asia/Nicosia',
  KI: 'Pacific/Tarawa',
  FM: 'Pacific/Ponape',
  MH: 'Pacific/Majuro',
  PF: 'Pacific/Tahiti',
};

/** The time zone the window of a recipient is read in: its country's main zone, or null. */
export function recipientTimeZone(e164: string, options: ZoneOptions = {}): string | null {
  const country = parsePhoneNumberFromString(e164)?.country;
  if (country === undefined) return null;
  const chosen = options.zoneByCountry?.[country] ?? mainZoneByCountry[country];
  if (chosen !== undefined) return chosen;
  return zonesOfCountry(country)[0] ?? null;
}

/** Whether `now` is inside the recipient's window and, if not, the instant it next opens. */
export function sendWindowState(
  e164: string,
  window: SendWindow | null,
  now: number,
  options: ZoneOptions = {},
): WindowState {
  const timeZone = recipientTimeZone(e164, options) ?? options.fallbackZone ?? 'UTC';
  if (window === null) return { isOpen: true, timeZone };
  return windowStateIn(timeZone, window, now);
}

/** The same for a known time zone. */
export function windowStateIn(timeZone: string, window: SendWindow, now: number): WindowState {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) throw new RangeError('a send window needs a start different from its end');
  const local = wallClock(timeZone, now);
  const m = local.hour * 60 + local.minute;
  const isOpen = start < end ? m >= start && m < end : m >= start || m < end;
  if (isOpen) return { isOpen: true, timeZone };
  // Today's opening if still ahead, else tomorrow's (two days cover any offset change).
  for (let day = 0; day <= 2; day++) {
    const opensAt = openingOn(timeZone, local.year, local.month, local.day + day, start);
    if (opensAt > now) return { isOpen: false, timeZone, opensAt };
  }
  throw new Error(`no opening found for ${timeZone}`);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The first instant at which the local clock of `timeZone` reads `minutes` on that date. */
function openingOn(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  minutes: number,
): number {
  // Date.UTC normalises day overflow (the 32nd of a month is the 1st of the next).
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // Two passes find the instant for any offset; in an ambiguous hour (clocks going back) the
  // first pass lands on the earlier offset, which is the first time the clock reads that.
  const guess = wall - offsetMs(timeZone, wall);
  const instant = wall - offsetMs(timeZone, guess);
  if (wallKey(timeZone, instant) === wall) return instant;
  // That local time does not exist (clocks jumped over it): the window opens at the jump,
  // the first instant whose wall clock reads later than the start. Binary search around it.
  let lo = instant - 3 * 3_600_000;
  let hi = instant + 3 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (wallKey(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, instant: number): WallClock {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The local wall-clock time at `instant`, as if it were UTC (whole seconds). */
function wallKey(timeZone: string, instant: number): number {
  const w = wallClock(timeZone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's offset from UTC at `instant`. */
function offsetMs(timeZone: string, instant: number): number {
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return wallKey(timeZone, wholeSeconds) - wholeSeconds;
}

function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (match === null) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** ICU's zones of a country; `timeZones` is a getter in V8 (a method in the final proposal). */
export function zonesOfCountry(country: string): readonly string[] {
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
    timeZones?: readonly string[];
    getTimeZones?: () => readonly string[];
  };
  return locale.getTimeZones?.() ?? locale.timeZones ?? [];
}
