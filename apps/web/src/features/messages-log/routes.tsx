import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const MessagesLogPage = lazyPage(() => import('./MessagesLogPage'), 'MessagesLogPage');

/** Logs → Messages, spread into the app's route list. */
export const messagesLogRoutes: { path: string; element: ReactElement }[] = [
  { path: '/logs/messages', element: <MessagesLogPage /> },
];
