import { describe, expect, it } from 'vitest';
import { createFormatters, localeTag } from './format';
import { normaliseDigits } from './digits';
import i18n, { loadLanguage } from './i18n';

const instant = Date.UTC(2026, 2, 20, 22, 30); // 20 March 2026 22:30 UTC, Nowruz eve

describe('locale formatting', () => {
  it('shows the same instant on different days across time zones', () => {
    const tehran = createFormatters({
      language: 'en',
      timeZone: 'Asia/Tehran',
      calendar: 'gregory',
    });
    const mexico = createFormatters({
      language: 'en',
      timeZone: 'America/Mexico_City',
      calendar: 'gregory',
    });
    expect(tehran.date(instant)).toBe('Mar 21, 2026');
    expect(mexico.date(instant)).toBe('Mar 20, 2026');
    expect(tehran.time(instant)).toBe('2:00:00 AM');
  });

  it('writes Persian dates in the Solar Hijri calendar with Persian digits', () => {
    const fa = createFormatters({ language: 'fa', timeZone: 'Asia/Tehran', calendar: 'persian' });
    // 21 March 2026 is 1 Farvardin 1405, the Persian new year.
    expect(fa.date(instant)).toBe('۱ فروردین ۱۴۰۵');
    expect(fa.number(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    const gregorian = createFormatters({ language: 'fa', timeZone: 'UTC', calendar: 'gregory' });
    expect(gregorian.date(instant)).toContain('۲۰۲۶');
  });

  it('uses Arabic-Indic digits for Arabic and locale separators elsewhere', () => {
    const ar = createFormatters({ language: 'ar', timeZone: 'UTC', calendar: 'gregory' });
    expect(ar.number(1234.5)).toBe('١٬٢٣٤٫٥');
    const pt = createFormatters({ language: 'pt-BR', timeZone: 'UTC', calendar: 'gregory' });
    expect(pt.currency(1234.5, 'BRL').replace(/\s/g, ' ')).toBe('R$ 1.234,50');
    const es = createFormatters({ language: 'es', timeZone: 'UTC', calendar: 'gregory' });
    expect(es.currency(12.5, 'EUR').replace(/\s/g, ' ')).toBe('12,50 €');
    expect(localeTag({ language: 'es', calendar: 'gregory' })).toBe('es-u-ca-gregory');
  });

  it('says relative times in the language', () => {
    const now = Date.UTC(2026, 0, 10);
    const en = createFormatters({ language: 'en', timeZone: 'UTC', calendar: 'gregory' });
    expect(en.relative(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(en.relative(now - 86_400_000, now)).toBe('yesterday');
    const es = createFormatters({ language: 'es', timeZone: 'UTC', calendar: 'gregory' });
    expect(es.relative(now + 2 * 86_400_000, now)).toBe('pasado mañana');
  });
});

describe('digits typed in inputs', () => {
  it('reads Persian and Arabic-Indic digits as Western ones', () => {
    expect(normaliseDigits('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('0912 345 6789');
    expect(normaliseDigits('+٩٦٦٥٠١٢٣٤٥٦٧')).toBe('+966501234567');
    expect(normaliseDigits('١٢٫٥')).toBe('12.5');
    expect(normaliseDigits('abc 123')).toBe('abc 123');
  });
});

describe('plurals', () => {
  it('uses all six Arabic plural forms', async () => {
    await loadLanguage('ar');
    const t = i18n.getFixedT('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => t('common.minutes', { count }));
    expect(new Set(forms).size).toBe(6);
    expect(t('common.minutes', { count: 2 })).toBe('دقيقتان');
    expect(t('common.minutes', { count: 5 })).toContain('دقائق');
    expect(t('common.minutes', { count: 11 })).toContain('دقيقة');
  });

  it('uses one and other in English', async () => {
    await loadLanguage('en');
    const t = i18n.getFixedT('en');
    expect(t('common.minutes', { count: 1 })).toBe('1 minute');
    expect(t('common.minutes', { count: 7 })).toBe('7 minutes');
  });
});
