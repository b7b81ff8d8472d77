import { useQueryClient } from '@tanstack/react-query';
import type { SessionState, UserPreferences } from '@kiana/contracts';
import { useLocale } from '../../i18n/locale-context';
import { authApi } from './auth.api';
import { useSession } from './session';

/**
 * Saves some of the user's language, time zone and calendar. The language applies before
 * the server answers, so switching feels instant; the session cache gets the stored user.
 */
export function useSavePreferences() {
  const { session } = useSession();
  const { setLanguage } = useLocale();
  const client = useQueryClient();
  return async (change: Partial<UserPreferences>): Promise<void> => {
    if (change.language !== undefined && change.language !== null)
      await setLanguage(change.language);
    const { language, timeZone, calendar } = session.user;
    const user = await authApi.setPreferences({ language, timeZone, calendar, ...change });
    client.setQueryData<SessionState>(['auth', 'session'], (old) =>
      old?.authenticated === true ? { ...old, user } : old,
    );
  };
}
