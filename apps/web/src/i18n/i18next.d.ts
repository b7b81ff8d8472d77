import 'i18next';
import type en from './locales/en/translation.json';

// Keys are typed from the English catalogue: `t('nav.inbox')` checks at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
