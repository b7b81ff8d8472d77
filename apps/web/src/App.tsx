import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { AppLayout } from './app/AppLayout';
import { AuthGate } from './app/AuthGate';
import { cssVariablesResolver, theme } from './app/theme';
import { appRoutes } from './routes';
import { NotFoundPage } from './app/NotFoundPage';
import { LocaleProvider } from './i18n/LocaleProvider';

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
                  <Route element={<AppLayout />}>
                    {appRoutes.map((r) => (
                      <Route key={r.path} path={r.path} element={r.element} />
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
