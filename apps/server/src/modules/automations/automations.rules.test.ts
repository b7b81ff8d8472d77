import { describe, expect, it } from 'vitest';
import type { KeywordRule } from '@kiana/contracts';
import { isWithinHours, localTime, matchKeyword } from './automations.rules';

// Weekdays 09:00–17:00 in São Paulo (UTC−3, no DST since 2019) and in New York (DST).
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const saoPaulo = { timeZone: 'America/Sao_Paulo', intervals: weekdays };

describe('business hours', () => {
  it('reads the weekday and minute in the chosen zone, not UTC', () => {
    // Monday 2026-03-02 02:30 UTC is still Sunday 23:30 in São Paulo.
    expect(localTime(Date.UTC(2026, 2, 2, 2, 30), 'America/Sao_Paulo')).toEqual({
      day: 0,
      minute: 23 * 60 + 30,
    });
  });

  it('is open from the first minute and closed from the closing minute', () => {
    // Monday 2026-03-02: 12:00 UTC is 09:00 local, 20:00 UTC is 17:00 local.
    expect(isWithinHours(saoPaulo, Date.UTC(2026, 2, 2, 11, 59))).toBe(false);
    expect(isWithinHours(saoPaulo, Date.UTC(2026, 2, 2, 12, 0))).toBe(true);
    expect(isWithinHours(saoPaulo, Date.UTC(2026, 2, 2, 19, 59))).toBe(true);
    expect(isWithinHours(saoPaulo, Date.UTC(2026, 2, 2, 20, 0))).toBe(false);
  });

  it('is closed on a Saturday noon and when the zone turns the UTC day over', () => {
    expect(isWithinHours(saoPaulo, Date.UTC(2026, 2, 7, 15, 0))).toBe(false);
    // Saturday 2026-03-07 01:00 UTC is Friday 22:00 local: after hours, not "Saturday".
    expect(
      isWithinHours(
        { ...saoPaulo, intervals: [{ day: 5, start: '21:00', end: '23:00' }] },
        Date.UTC(2026, 2, 7, 1, 0),
      ),
    ).toBe(true);
  });

  it('follows daylight saving time (New York moves from UTC−5 to UTC−4 on 2026-03-08)', () => {
    const ny = { timeZone: 'America/New_York', intervals: weekdays };
    // 13:30 UTC is 08:30 EST on Friday 6 March, 09:30 EDT on Monday 9 March.
    expect(isWithinHours(ny, Date.UTC(2026, 2, 6, 13, 30))).toBe(false);
    expect(isWithinHours(ny, Date.UTC(2026, 2, 9, 13, 30))).toBe(true);
  });
});

describe('keyword auto-replies', () => {
  const rules: KeywordRule[] = [
    { match: 'exact', keyword: 'Hours', language: 'en', reply: 'We open at nine.' },
    { match: 'contains', keyword: 'preço', language: 'pt', reply: 'Veja a tabela.' },
    { match: 'contains', keyword: 'refund', language: null, reply: 'Refunds take 5 days.' },
  ];

  it('matches exact text case-insensitively and only for its language', () => {
    expect(matchKeyword(rules, '  HOURS ', 'en')?.reply).toBe('We open at nine.');
    expect(matchKeyword(rules, 'hours?', 'en')).toBeUndefined();
    expect(matchKeyword(rules, 'hours', 'es')).toBeUndefined();
  });

  it('matches contained words, a regional language and rules for every language', () => {
    expect(matchKeyword(rules, 'Qual o PREÇO disso?', 'pt-BR')?.reply).toBe('Veja a tabela.');
    expect(matchKeyword(rules, 'Qual o preço?', 'en')).toBeUndefined();
    expect(matchKeyword(rules, 'I want a Refund', null)?.reply).toBe('Refunds take 5 days.');
    expect(matchKeyword(rules, null, 'en')).toBeUndefined();
  });
});
