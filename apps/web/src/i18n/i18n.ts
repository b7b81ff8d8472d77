import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { PanelLanguage } from '@kiana/contracts';
import en from './locales/en/translation.json';
import { localeTag } from './format';

type Catalogue = typeof en;

// English ships in the main bundle (it is also the fallback); the others load on demand.
const loaders: Record<Exclude<PanelLanguage, 'en'>, () => Promise<{ default: unknown }>> = {
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
  resources: { en: { translation: en } },
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

/** Makes sure a language's catalogue is loaded (English always is). */
export async function loadLanguage(language: PanelLanguage): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const module = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', module.default as Catalogue, true, true);
}

export default i18n;
