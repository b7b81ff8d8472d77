import type { ReactElement } from 'react';
import { ContactsPage } from './ContactsPage';
import { ContactDetailPage } from './ContactDetailPage';
import { TagsPage } from './TagsPage';
import { SegmentsPage } from './SegmentsPage';
import { ImportPage } from './imports/ImportPage';
import { ImportProgressPage } from './imports/ImportProgressPage';
import { ImportsListPage } from './imports/ImportsListPage';

/** Contacts: the list, the tags manager and one contact, spread into the app's route list. */
export const contactsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/contacts', element: <ContactsPage /> },
  { path: '/contacts/tags', element: <TagsPage /> },
  { path: '/contacts/segments', element: <SegmentsPage /> },
  { path: '/contacts/import', element: <ImportPage /> },
  { path: '/contacts/imports', element: <ImportsListPage /> },
  { path: '/contacts/imports/:id', element: <ImportProgressPage /> },
  { path: '/contacts/:id', element: <ContactDetailPage /> },
];
