import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const MetricsSettingsPage = lazyPage(() => import('./MetricsSettingsPage'), 'MetricsSettingsPage');

/** Settings → Metrics, spread into the app's route list. */
export const metricsSettingsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/settings/metrics', element: <MetricsSettingsPage /> },
];
