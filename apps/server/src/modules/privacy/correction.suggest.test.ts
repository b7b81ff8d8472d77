import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../contacts/contacts.phone';
import { correctedFields } from './correction.service';
import { splitLabel, suggestCorrection, type CorrectableContact } from './correction.suggest';

const readPhone = (text: string): string | undefined => {
  const r = normalisePhone(text, { defaultCountry: null });
  return r.ok ? r.e164 : undefined;
};
const contact: CorrectableContact = {
  name: 'Mario Rosi',
  phoneE164: '+4915112345601',
  language: 'en',
  attributes: { city: 'Milano', plan: 'gold', visits: 3 },
};
const suggest = (wrong: string, wanted: string, c: CorrectableContact = contact) =>
  suggestCorrection({ wrong, wanted }, c, readPhone);

describe('splitLabel', () => {
  it('splits a field label from its value, in any script', () => {
    expect(splitLabel('Name: Maria Souza')).toEqual({ label: 'name', value: 'Maria Souza' });
    expect(splitLabel('الاسم: مريم')).toEqual({ label: 'الاسم', value: 'مريم' });
    expect(splitLabel('  just text ')).toEqual({ value: 'just text' });
  });
});

describe('suggestCorrection', () => {
  it('suggests the name when the current name is quoted as wrong, whatever its case', () => {
    expect(suggest('mario rosi', 'Mario Rossi')).toEqual({ name: 'Mario Rossi' });
  });

  it('suggests the field a label names, in the panel languages', () => {
    expect(suggest('My name is misspelt', 'Name: Mario Rossi')).toEqual({ name: 'Mario Rossi' });
    expect(suggest('El nombre está mal', 'Mario Rossi')).toEqual({ name: 'Mario Rossi' });
    expect(suggest('نام اشتباه است', 'ماریو')).toEqual({ name: 'ماریو' });
    expect(suggest('Idioma: en', 'Idioma: es')).toEqual({ language: 'es' });
  });

  it('suggests a new number only when it is a valid international number and not the current one', () => {
    expect(suggest('old number', '+49 151 12345699')).toEqual({ phone: '+4915112345699' });
    expect(suggest('my number', '+49 151 12345601')).toEqual({});
    expect(suggest('my number', '12')).toEqual({});
  });

  it('suggests an attribute whose current text value is quoted as wrong, or whose key labels the new value', () => {
    expect(suggest('Milano', 'Roma')).toEqual({ attributes: { city: 'Roma' } });
    expect(suggest('plan is wrong', 'plan: silver')).toEqual({ attributes: { plan: 'silver' } });
  });

  it('suggests nothing when nothing is plain, so the admin decides', () => {
    expect(suggest('Everything about me', 'Please fix it')).toEqual({});
    expect(suggest('language', 'the one I speak at home')).toEqual({});
    expect(suggest('Name', '')).toEqual({});
  });
});

describe('correctedFields', () => {
  it('names the fields a change touches, a cleared name included', () => {
    expect(correctedFields({ name: null, attributes: { city: 'Roma' } })).toEqual([
      'name',
      'attributes',
    ]);
  });
});
