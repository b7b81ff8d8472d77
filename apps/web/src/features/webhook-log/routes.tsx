import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const WebhookLogPage = lazyPage(() => import('./WebhookLogPage'), 'WebhookLogPage');

/** Logs → Webhooks, spread into the app's route list (`/logs` opens on it). */
export const webhookLogRoutes: { path: string; element: ReactElement }[] = [
  { path: '/logs', element: <WebhookLogPage /> },
  { path: '/logs/webhooks', element: <WebhookLogPage /> },
];
