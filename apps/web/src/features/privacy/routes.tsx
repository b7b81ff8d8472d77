import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const PrivacyPage = lazyPage(() => import('./PrivacyPage'), 'PrivacyPage');
const RequestDetailPage = lazyPage(() => import('./RequestDetailPage'), 'RequestDetailPage');

/** The Privacy section's pages, spread into the app's route list. */
export const privacyRoutes: { path: string; element: ReactElement }[] = [
  { path: '/privacy', element: <PrivacyPage tab="requests" /> },
  { path: '/privacy/retention', element: <PrivacyPage tab="retention" /> },
  { path: '/privacy/legal', element: <PrivacyPage tab="legal" /> },
  { path: '/privacy/requests/:id', element: <RequestDetailPage /> },
];
