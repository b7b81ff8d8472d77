import { describe, expect, it } from 'vitest';
import type { SettingsStore } from '../../platform/settings/settings';
import type { Executor } from '../../db/executor';
import { consentKeyword, consentKeywordIn, consentKeywordsSetting } from './contacts.keywords';
import { createContactsService } from './contacts.service';

describe('configurable consent keywords', () => {
  it('knows Spanish and Arabic words by default, whatever the punctuation or yeh form', () => {
    expect(consentKeyword('¡Baja!')).toBe('stop');
    expect(consentKeyword('dar de baja')).toBe('stop');
    expect(consentKeyword('توقف')).toBe('stop');
    expect(consentKeyword('ابدأ')).toBe('start');
    expect(consentKeyword('Iniciar')).toBe('start');
    expect(consentKeyword('hola')).toBeNull();
  });

  it('uses the admin’s words instead of the defaults when the setting is saved', async () => {
    const words = { stop: ['NO MÁS', 'كفى'], start: ['VOLVER', 'رجوع'] };
    expect(consentKeywordIn('no más!', words)).toBe('stop');
    expect(consentKeywordIn('كفى', words)).toBe('stop');
    expect(consentKeywordIn('Volver', words)).toBe('start');
    expect(consentKeywordIn('رجوع', words)).toBe('start');
    // A default word the admin removed no longer acts.
    expect(consentKeywordIn('STOP', words)).toBeNull();

    const settings = {
      get: async (_ex: Executor, def: { key: string }) => {
        expect(def.key).toBe(consentKeywordsSetting.key);
        return { value: words, updatedAt: 1 };
      },
    } as unknown as SettingsStore;
    const contacts = createContactsService({ now: () => 1, settings });
    const ex = {} as Executor;
    expect(await contacts.consentKeywordOf(ex, 'كفى')).toBe('stop');
    expect(await contacts.consentKeywordOf(ex, 'volver')).toBe('start');
    expect(await contacts.consentKeywordOf(ex, 'stop')).toBeNull();
  });

  it('validates the setting: words of 1 to 40 characters', () => {
    expect(consentKeywordsSetting.schema.safeParse({ stop: [''], start: [] }).success).toBe(false);
    expect(
      consentKeywordsSetting.schema.safeParse(consentKeywordsSetting.defaultValue()).success,
    ).toBe(true);
  });
});
