import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const ContactsPage = lazyPage(() => import('./ContactsPage'), 'ContactsPage');
const ContactDetailPage = lazyPage(() => import('./ContactDetailPage'), 'ContactDetailPage');
const TagsPage = lazyPage(() => import('./TagsPage'), 'TagsPage');
const KeywordsPage = lazyPage(() => import('./KeywordsPage'), 'KeywordsPage');
const SegmentsPage = lazyPage(() => import('./SegmentsPage'), 'SegmentsPage');
const ImportPage = lazyPage(() => import('./imports/ImportPage'), 'ImportPage');
const ImportProgressPage = lazyPage(
  () => import('./imports/ImportProgressPage'),
  'ImportProgressPage',
);
const ImportsListPage = lazyPage(() => import('./imports/ImportsListPage'), 'ImportsListPage');

/** Contacts: the list, the tags manager and one contact, spread into the app's route list. */
export const contactsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/contacts', element: <ContactsPage /> },
  { path: '/contacts/tags', element: <TagsPage /> },
  { path: '/contacts/segments', element: <SegmentsPage /> },
  { path: '/contacts/keywords', element: <KeywordsPage /> },
  { path: '/contacts/import', element: <ImportPage /> },
  { path: '/contacts/imports', element: <ImportsListPage /> },
  { path: '/contacts/imports/:id', element: <ImportProgressPage /> },
  { path: '/contacts/:id', element: <ContactDetailPage /> },
];
