import type { ComponentType, ReactElement } from 'react';
import type en from './i18n/locales/en/translation.json';
import {
  IconAddressBook,
  IconChartBar,
  IconFileText,
  IconInbox,
  IconListDetails,
  IconShieldLock,
  IconSettings,
  IconSpeakerphone,
} from '@tabler/icons-react';
import { privacyRoutes } from './features/privacy/routes';
import { webhookLogRoutes } from './features/webhook-log/routes';
import { messagesLogRoutes } from './features/messages-log/routes';
import { apiLogRoutes } from './features/api-log/routes';
import { contactsRoutes } from './features/contacts/routes';
import { campaignsRoutes } from './features/campaigns/routes';
import { authRoutes } from './features/auth/routes';
import { integrationsRoutes } from './features/integrations/routes';
import { automationsRoutes } from './features/automations/routes';
import { metricsSettingsRoutes } from './features/metrics-settings/routes';
import { lazyPage } from './app/lazy-page';

// Every section is its own chunk (loaded when first shown), so signing in does not download
// the template builder, the contacts grid or the logs. See `npm run bench -- web-bundle`.
const DashboardPage = lazyPage(() => import('./features/dashboard/DashboardPage'), 'DashboardPage');
const InboxPage = lazyPage(() => import('./features/inbox/InboxPage'), 'InboxPage');
const SettingsHubPage = lazyPage(
  () => import('./features/accounts/SettingsHubPage'),
  'SettingsHubPage',
);
const WhatsAppSettingsPage = lazyPage(
  () => import('./features/accounts/WhatsAppSettingsPage'),
  'WhatsAppSettingsPage',
);
const InboxSettingsPage = lazyPage(
  () => import('./features/inbox/InboxSettingsPage'),
  'InboxSettingsPage',
);
const CannedRepliesPage = lazyPage(
  () => import('./features/inbox/CannedRepliesPage'),
  'CannedRepliesPage',
);
const TemplatesPage = lazyPage(() => import('./features/templates/TemplatesPage'), 'TemplatesPage');
const TemplateBuilderPage = lazyPage(
  () => import('./features/templates/TemplateBuilderPage'),
  'TemplateBuilderPage',
);

/** An entry of the main navigation. */
export interface NavItem {
  path: string;
  /** A key of the `nav` messages. */
  label: keyof typeof en.nav;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

export const navItems: NavItem[] = [
  { path: '/', label: 'dashboard', icon: IconChartBar },
  { path: '/inbox', label: 'inbox', icon: IconInbox },
  { path: '/campaigns', label: 'campaigns', icon: IconSpeakerphone },
  { path: '/templates', label: 'templates', icon: IconFileText },
  { path: '/contacts', label: 'contacts', icon: IconAddressBook },
  { path: '/logs', label: 'logs', icon: IconListDetails },
  { path: '/settings', label: 'settings', icon: IconSettings },
  { path: '/privacy', label: 'privacy', icon: IconShieldLock },
];

/**
 * Every page of the signed-in app. Features add their pages here; a path may have
 * children (e.g. `/settings/users`).
 */
export const appRoutes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <DashboardPage /> },
  { path: '/inbox', element: <InboxPage /> },
  ...campaignsRoutes,
  { path: '/templates', element: <TemplatesPage /> },
  { path: '/templates/new', element: <TemplateBuilderPage /> },
  ...contactsRoutes,
  ...webhookLogRoutes,
  ...messagesLogRoutes,
  ...apiLogRoutes,
  { path: '/settings', element: <SettingsHubPage /> },
  { path: '/settings/whatsapp', element: <WhatsAppSettingsPage /> },
  { path: '/settings/canned-replies', element: <CannedRepliesPage /> },
  { path: '/settings/inbox', element: <InboxSettingsPage /> },
  ...privacyRoutes,
  ...authRoutes,
  ...integrationsRoutes,
  ...automationsRoutes,
  ...metricsSettingsRoutes,
];
