import { createContext, useContext } from 'react';
import type { CalendarSystem, PanelLanguage } from '@kiana/contracts';
import type { Formatters, LocaleSettings } from './format';

export interface LocaleContextValue {
  settings: LocaleSettings;
  dir: 'ltr' | 'rtl';
  fmt: Formatters;
  /** Switches the language at once (the catalogue loads first, then everything re-renders). */
  setLanguage(language: PanelLanguage): Promise<void>;
  /** Applies the signed-in user's stored preferences (null: keep the browser's). */
  applyPreferences(prefs: {
    language: PanelLanguage | null;
    timeZone: string | null;
    calendar: CalendarSystem | null;
  }): void;
}

export const LocaleContext = createContext<LocaleContextValue | undefined>(undefined);

/** The current language, direction, time zone and bound formatters. */
export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (value === undefined) throw new Error('useLocale outside the LocaleProvider');
  return value;
}

/** Shorthand for the bound formatters (dates, numbers, currency, relative times). */
export function useFormat(): Formatters {
  return useLocale().fmt;
}
