import { describe, expect, it } from 'vitest';
import { countryName, countryOptions, displayName } from './contacts.format';

describe('country options', () => {
  it('names real countries in the UI language and leaves groupings out', () => {
    const en = countryOptions('en');
    expect(en.find((c) => c.value === 'BR')?.label).toBe('Brazil');
    expect(countryOptions('es').find((c) => c.value === 'DE')?.label).toBe('Alemania');
    const codes = en.map((c) => c.value);
    expect(codes).not.toContain('EU');
    expect(codes).not.toContain('UN');
    expect(codes).not.toContain('XA');
    expect(codes.length).toBeGreaterThan(200);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it('names one country, or keeps a code it cannot name', () => {
    expect(countryName('GB', 'en')).toBe('United Kingdom');
    expect(countryName('BR', 'pt-BR')).toBe('Brasil');
  });

  it('is sorted by name', () => {
    const labels = countryOptions('en').map((c) => c.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('en').compare));
  });
});

describe('display name', () => {
  it('prefers the name, then the username, then the number', () => {
    expect(displayName({ name: 'Ana', username: 'ana.s', phoneE164: '+5511' })).toBe('Ana');
    expect(displayName({ name: null, username: 'ana.s', phoneE164: '+5511' })).toBe('ana.s');
    expect(displayName({ name: null, username: null, phoneE164: '+5511' })).toBe('+5511');
  });
});
