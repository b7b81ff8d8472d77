import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const AccountPage = lazyPage(() => import('../account/AccountPage'), 'AccountPage');
const UsersPage = lazyPage(() => import('../users/UsersPage'), 'UsersPage');
const ApiKeysPage = lazyPage(() => import('../api-keys/ApiKeysPage'), 'ApiKeysPage');
const SecurityLogPage = lazyPage(
  () => import('../security-log/SecurityLogPage'),
  'SecurityLogPage',
);

/** Account, users, API keys and the security log, spread into the app's route list. */
export const authRoutes: { path: string; element: ReactElement }[] = [
  { path: '/account', element: <AccountPage /> },
  { path: '/settings/users', element: <UsersPage /> },
  { path: '/settings/api-keys', element: <ApiKeysPage /> },
  { path: '/logs/security', element: <SecurityLogPage /> },
];
