import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { PanelLanguage } from '@kiana/contracts';
import type en from './locales/en/translation.json';
import { localeTag } from './format';

type Catalogue = typeof en;

// Only the active language's catalogue is downloaded, English included: every key exists in
// every catalogue (catalogues.test.ts), so nobody needs English as a fallback. The first
// paint waits for it (LocaleProvider).
const loaders: Record<PanelLanguage, () => Promise<{ default: unknown }>> = {
  en: () => import('./locales/en/translation.json'),
  es: () => import('./locales/es/translation.json'),
  'pt-BR': () => import('./locales/pt-BR/translation.json'),
  ar: () => import('./locales/ar/translation.json'),
  fa: () => import('./locales/fa/translation.json'),
};

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'es', 'pt-BR', 'ar', 'fa'],
  // Without this i18next would try to load `pt` as a fallback of `pt-BR`.
  load: 'currentOnly',
  resources: {},
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

// `{{count, n}}`: numbers in the language's own digits (Arabic-Indic, Persian).
i18n.services.formatter?.add('n', (value: unknown, lng: string | undefined) =>
  typeof value === 'number'
    ? new Intl.NumberFormat(
        localeTag({ language: (lng ?? 'en') as PanelLanguage, calendar: 'gregory' }),
      ).format(value)
    : String(value),
);

/** Makes sure a language's catalogue is loaded. */
export async function loadLanguage(language: PanelLanguage): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const module = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', module.default as Catalogue, true, true);
}

export default i18n;
