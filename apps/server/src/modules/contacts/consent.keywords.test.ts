import { describe, expect, it } from 'vitest';
import type { ConsentKeywordSettings } from '@kiana/contracts';
import type { SettingsStore } from '../../platform/settings/settings';
import type { Executor } from '../../db/executor';
import {
  consentKeyword,
  consentKeywordsSetting,
  defaultConsentKeywords,
  matchConsentKeyword,
} from './contacts.keywords';
import { createContactsService } from './contacts.service';

const rules = (over: Partial<ConsentKeywordSettings> = {}): ConsentKeywordSettings => ({
  isEnabled: true,
  isReplyEnabled: true,
  languages: [
    {
      language: 'es',
      isEnabled: true,
      stopWords: ['NO MÁS'],
      startWords: ['VOLVER'],
      stopReply: 'Baja confirmada.',
      startReply: 'Alta confirmada.',
    },
    {
      language: 'ar',
      isEnabled: true,
      stopWords: ['كفى'],
      startWords: ['رجوع'],
      stopReply: '',
      startReply: 'تم.',
    },
    {
      language: 'fa',
      isEnabled: false,
      stopWords: ['بس'],
      startWords: [],
      stopReply: 'لغو شد.',
      startReply: '',
    },
  ],
  ...over,
});

describe('configurable consent keywords', () => {
  it('knows Spanish and Arabic words by default, whatever the punctuation or yeh form', () => {
    expect(consentKeyword('¡Baja!')).toBe('stop');
    expect(consentKeyword('dar de baja')).toBe('stop');
    expect(consentKeyword('توقف')).toBe('stop');
    expect(consentKeyword('ابدأ')).toBe('start');
    expect(consentKeyword('Iniciar')).toBe('start');
    expect(consentKeyword('hola')).toBeNull();
  });

  it('matches the language of the word and gives that language’s confirmation', () => {
    expect(matchConsentKeyword('no más!', rules())).toEqual({
      keyword: 'stop',
      language: 'es',
      reply: 'Baja confirmada.',
    });
    expect(matchConsentKeyword('رجوع', rules())).toEqual({
      keyword: 'start',
      language: 'ar',
      reply: 'تم.',
    });
    // An empty reply text sends nothing; the keyword still acts.
    expect(matchConsentKeyword('كفى', rules())).toEqual({
      keyword: 'stop',
      language: 'ar',
      reply: null,
    });
    // A default word the admin removed no longer acts.
    expect(matchConsentKeyword('STOP', rules())).toBeNull();
  });

  it('ignores a language switched off, every word when keywords are off, replies when off', () => {
    expect(matchConsentKeyword('بس', rules())).toBeNull();
    expect(matchConsentKeyword('no más', rules({ isEnabled: false }))).toBeNull();
    expect(matchConsentKeyword('volver', rules({ isReplyEnabled: false }))?.reply).toBeNull();
  });

  it('reads the admin’s rules through the settings store', async () => {
    const settings = {
      get: async (_ex: Executor, def: { key: string }) => {
        expect(def.key).toBe(consentKeywordsSetting.key);
        return { value: rules(), updatedAt: 1 };
      },
    } as unknown as SettingsStore;
    const contacts = createContactsService({ now: () => 1, settings });
    const ex = {} as Executor;
    expect((await contacts.consentKeywordOf(ex, 'كفى'))?.keyword).toBe('stop');
    expect((await contacts.consentKeywordOf(ex, 'volver'))?.keyword).toBe('start');
    expect(await contacts.consentKeywordOf(ex, 'stop')).toBeNull();
  });

  it('validates the setting: words of 1 to 40 characters, each language once', () => {
    const bad = rules();
    bad.languages[0]!.stopWords = [''];
    expect(consentKeywordsSetting.schema.safeParse(bad).success).toBe(false);
    const twice = rules();
    twice.languages[1]!.language = 'ES';
    expect(consentKeywordsSetting.schema.safeParse(twice).success).toBe(false);
    expect(consentKeywordsSetting.schema.safeParse(defaultConsentKeywords()).success).toBe(true);
  });
});
