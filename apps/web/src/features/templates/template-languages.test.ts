import { describe, expect, it } from 'vitest';
import {
  templateLanguageDir,
  templateLanguageName,
  templateLanguageOptions,
} from './template-languages';

describe('template languages', () => {
  it('names a template language in the reader’s language', () => {
    expect(templateLanguageName('pt_BR', 'en')).toBe('Brazilian Portuguese');
    expect(templateLanguageName('es_MX', 'es')).toBe('español de México');
    expect(templateLanguageName('ar', 'fa')).toBe('عربی');
    expect(templateLanguageName('en_US', 'ar')).toMatch(/^الإنجليزية/);
  });

  it('reads Arabic, Persian, Hebrew and Urdu templates right to left', () => {
    expect(['ar_EG', 'fa', 'he', 'ur', 'en_US', 'es'].map(templateLanguageDir)).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
    ]);
  });

  it('offers every code once, sorted by its name', () => {
    const options = templateLanguageOptions('en');
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    expect(options.find((o) => o.value === 'fa')?.label).toBe('Persian (fa)');
  });
});
