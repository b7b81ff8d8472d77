import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { AuthGate } from './app/AuthGate';
import { cssVariablesResolver, theme } from './app/theme';
import { LocaleProvider } from './i18n/LocaleProvider';
import { lazyPage, PageSuspense } from './app/lazy-page';

// The router, the sections and the notification stack load after sign-in, not with the
// sign-in page.
const SignedInApp = lazyPage(() => import('./app/SignedInApp'), 'SignedInApp');

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

/** The SPA root: direction and language, theme, data layer, session gate and the app. */
export function App() {
  return (
    <DirectionProvider detectDirection={false}>
      <LocaleProvider>
        <MantineProvider
          theme={theme}
          defaultColorScheme="auto"
          cssVariablesResolver={cssVariablesResolver}
        >
          <QueryClientProvider client={queryClient}>
            <AuthGate>
              <PageSuspense>
                <SignedInApp />
              </PageSuspense>
            </AuthGate>
          </QueryClientProvider>
        </MantineProvider>
      </LocaleProvider>
    </DirectionProvider>
  );
}
