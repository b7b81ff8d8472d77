import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { AuthGate } from './app/AuthGate';
import { cssVariablesResolver, theme } from './app/theme';
import { appRoutes } from './routes';
import { LocaleProvider } from './i18n/LocaleProvider';
import { lazyPage, PageSuspense } from './app/lazy-page';

// The shell (navigation, menus, their popovers) loads after sign-in, not with the sign-in page.
const AppLayout = lazyPage(() => import('./app/AppLayout'), 'AppLayout');
const NotFoundPage = lazyPage(() => import('./app/NotFoundPage'), 'NotFoundPage');

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

/** The SPA root: direction and language, theme, data layer, session gate and routes. */
export function App() {
  return (
    <DirectionProvider detectDirection={false}>
      <LocaleProvider>
        <MantineProvider
          theme={theme}
          defaultColorScheme="auto"
          cssVariablesResolver={cssVariablesResolver}
        >
          <Notifications />
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <AuthGate>
                <Routes>
                  <Route
                    element={
                      <PageSuspense>
                        <AppLayout />
                      </PageSuspense>
                    }
                  >
                    {appRoutes.map((r) => (
                      <Route
                        key={r.path}
                        path={r.path}
                        element={<PageSuspense>{r.element}</PageSuspense>}
                      />
                    ))}
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </AuthGate>
            </BrowserRouter>
          </QueryClientProvider>
        </MantineProvider>
      </LocaleProvider>
    </DirectionProvider>
  );
}
