import type { ReactElement } from 'react';
import { AccountPage } from '../account/AccountPage';
import { UsersPage } from '../users/UsersPage';
import { ApiKeysPage } from '../api-keys/ApiKeysPage';
import { SecurityLogPage } from '../security-log/SecurityLogPage';

/** Account, users, API keys and the security log, spread into the app's route list. */
export const authRoutes: { path: string; element: ReactElement }[] = [
  { path: '/account', element: <AccountPage /> },
  { path: '/settings/users', element: <UsersPage /> },
  { path: '/settings/api-keys', element: <ApiKeysPage /> },
  { path: '/logs/security', element: <SecurityLogPage /> },
];
