import { BrowserRouter, Route, Routes } from 'react-router';
import { Notifications } from '@mantine/notifications';
import { appRoutes } from '../routes';
import { lazyPage, PageSuspense } from './lazy-page';

// The shell (navigation, menus, their popovers) loads with the first page, not before.
const AppLayout = lazyPage(() => import('./AppLayout'), 'AppLayout');
const NotFoundPage = lazyPage(() => import('./NotFoundPage'), 'NotFoundPage');

/**
 * Everything behind sign-in: the router, the route table and the notification stack. It is
 * its own chunk, so the sign-in page downloads none of it (`npm run bench -- web-bundle`).
 */
export function SignedInApp() {
  return (
    <>
      <Notifications />
      <BrowserRouter>
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
      </BrowserRouter>
    </>
  );
}
