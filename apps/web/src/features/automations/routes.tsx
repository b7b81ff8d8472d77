import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const AutomationsPage = lazyPage(() => import('./AutomationsPage'), 'AutomationsPage');

/** Settings → Automations, spread into the app's route list. */
export const automationsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/settings/automations', element: <AutomationsPage /> },
];
