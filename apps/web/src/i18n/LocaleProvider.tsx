import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useDirection } from '@mantine/core';
import {
  directionOf,
  matchPanelLanguage,
  panelLanguageSchema,
  type CalendarSystem,
  type PanelLanguage,
} from '@kiana/contracts';
import i18n, { loadLanguage } from './i18n';
import { browserTimeZone, createFormatters } from './format';
import { LocaleContext, type LocaleContextValue } from './locale-context';

const STORAGE_KEY = 'kiana.language';

/** Before sign-in: the last language chosen on this browser, else the browser's own. */
function initialLanguage(): PanelLanguage {
  const stored = panelLanguageSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
  if (stored.success) return stored.data;
  return matchPanelLanguage(navigator.languages) ?? 'en';
}

/**
 * Owns the language, time zone and calendar: loads the catalogue, sets `lang` and `dir`
 * on <html> and Mantine's direction, and hands out formatters bound to the settings.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<PanelLanguage>('en');
  const [ready, setReady] = useState(false);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [calendar, setCalendar] = useState<CalendarSystem | null>(null);
  const { setDirection } = useDirection();

  const setLanguage = useCallback(async (next: PanelLanguage) => {
    await loadLanguage(next);
    await i18n.changeLanguage(next);
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    void setLanguage(initialLanguage()).finally(() => setReady(true));
  }, [setLanguage]);

  const dir = directionOf(language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
    setDirection(dir);
  }, [language, dir, setDirection]);

  const applyPreferences = useCallback<LocaleContextValue['applyPreferences']>(
    (prefs) => {
      if (prefs.language !== null && prefs.language !== i18n.language)
        void setLanguage(prefs.language);
      setTimeZone(prefs.timeZone);
      setCalendar(prefs.calendar);
    },
    [setLanguage],
  );

  const value = useMemo<LocaleContextValue>(() => {
    const settings = {
      language,
      timeZone: timeZone ?? browserTimeZone(),
      // Persian speakers read Solar Hijri dates unless they chose otherwise.
      calendar: calendar ?? (language === 'fa' ? 'persian' : 'gregory'),
    } as const;
    return { settings, dir, fmt: createFormatters(settings), setLanguage, applyPreferences };
  }, [language, timeZone, calendar, dir, setLanguage, applyPreferences]);

  // The first paint waits for the catalogue so nobody sees English flash before Persian.
  if (!ready) return null;
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}
