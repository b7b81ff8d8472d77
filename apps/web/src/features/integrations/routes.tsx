import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const WebhooksPage = lazyPage(() => import('./WebhooksPage'), 'WebhooksPage');

/** Settings → Webhooks (outgoing), spread into the app's route list. */
export const integrationsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/settings/webhooks', element: <WebhooksPage /> },
];
