import type { ReactElement } from 'react';
import { ContactsPage } from './ContactsPage';
import { ContactDetailPage } from './ContactDetailPage';
import { TagsPage } from './TagsPage';
import { SegmentsPage } from './SegmentsPage';

/** Contacts: the list, the tags manager and one contact, spread into the app's route list. */
export const contactsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/contacts', element: <ContactsPage /> },
  { path: '/contacts/tags', element: <TagsPage /> },
  { path: '/contacts/segments', element: <SegmentsPage /> },
  { path: '/contacts/:id', element: <ContactDetailPage /> },
];
