import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const ApiLogPage = lazyPage(() => import('./ApiLogPage'), 'ApiLogPage');

/** Logs → Graph API, spread into the app's route list. */
export const apiLogRoutes: { path: string; element: ReactElement }[] = [
  { path: '/logs/graph-api', element: <ApiLogPage /> },
];
