import type { ReactElement } from 'react';
import { ApiLogPage } from './ApiLogPage';

/** Logs → Graph API, spread into the app's route list. */
export const apiLogRoutes: { path: string; element: ReactElement }[] = [
  { path: '/logs/graph-api', element: <ApiLogPage /> },
];
