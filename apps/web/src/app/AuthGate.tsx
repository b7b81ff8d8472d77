import { lazy, useEffect, useMemo, type ReactNode } from 'react';
import { Center, Loader, Stack, Text, Button } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '@kiana/contracts';
import { useLocale } from '../i18n/locale-context';
import { ApiError, setCsrfToken } from '../api/client';
import { authApi } from '../features/auth/auth.api';
import { LoginPage } from '../features/auth/LoginPage';
import { SessionContext } from '../features/auth/session';
import { lazyPage, PageSuspense } from './lazy-page';
import { AttackNotice } from '../features/auth/AttackNotice';

const SESSION_KEY = ['auth', 'session'];
// Only the forced 2FA enrolment shows it here; it stays out of the sign-in chunk.
const AccountPage = lazyPage(() => import('../features/account/AccountPage'), 'AccountPage');
const SetupPage = lazyPage(() => import('../features/auth/SetupPage'), 'SetupPage');
// The app mounts its own notification stack; the enrolment page needs one too.
const Notifications = lazy(async () => ({
  default: (await import('@mantine/notifications')).Notifications,
}));

/**
 * Decides what a visitor sees before the app: the first-run setup when no user exists,
 * the sign-in page (with its 2FA step), forced 2FA enrolment when the owner requires it,
 * or the app with the session in context. Any API answer of 401 sends back to sign-in.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { applyPreferences } = useLocale();
  const client = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: authApi.session, staleTime: 60_000 });

  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        const error = event.query.state.error;
        const isSessionQuery =
          event.query.queryKey[0] === SESSION_KEY[0] && event.query.queryKey[1] === SESSION_KEY[1];
        if (!isSessionQuery && error instanceof ApiError && error.status === 401) {
          void client.invalidateQueries({ queryKey: SESSION_KEY });
        }
      }),
    [client],
  );

  const state = session.data;
  const user = state?.authenticated === true ? state.user : undefined;
  // The signed-in user's stored language, time zone and calendar win over the browser's.
  useEffect(() => {
    if (user !== undefined)
      applyPreferences({
        language: user.language,
        timeZone: user.timeZone,
        calendar: user.calendar,
      });
  }, [user, applyPreferences]);
  setCsrfToken(state?.authenticated === true ? state.csrfToken : undefined);

  const accept = (next: SessionState) => {
    setCsrfToken(next.authenticated ? next.csrfToken : undefined);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    client.setQueryData(SESSION_KEY, next);
  };

  const context = useMemo(
    () =>
      state?.authenticated === true
        ? { session: state, refresh: () => client.invalidateQueries({ queryKey: SESSION_KEY }) }
        : undefined,
    [state, client],
  );

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (state === undefined) {
    return (
      <Center mih="100vh">
        <Stack align="center">
          <Text>{t('layout.serverDown')}</Text>
          <Button onClick={() => void session.refetch()}>{t('common.tryAgain')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!state.authenticated) {
    return state.needsSetup ? (
      <PageSuspense>
        <SetupPage onDone={accept} />
      </PageSuspense>
    ) : (
      <LoginPage onSignedIn={accept} />
    );
  }
  return (
    <SessionContext.Provider value={context}>
      <AttackNotice count={state.recentFailedSignIns} />
      {state.mustEnrolTotp ? (
        <Center p="md" component="main">
          <Stack maw={720} w="100%">
            <PageSuspense>
              <Notifications />
              <AccountPage />
            </PageSuspense>
          </Stack>
        </Center>
      ) : (
        children
      )}
    </SessionContext.Provider>
  );
}
