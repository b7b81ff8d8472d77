import type { ComponentType, ReactElement } from 'react';
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
import { DashboardPage } from './features/dashboard/DashboardPage';
import { PlaceholderPage } from './features/placeholder/PlaceholderPage';
import { SettingsHubPage } from './features/accounts/SettingsHubPage';
import { WhatsAppSettingsPage } from './features/accounts/WhatsAppSettingsPage';
import { TemplatesPage } from './features/templates/TemplatesPage';
import { TemplateBuilderPage } from './features/templates/TemplateBuilderPage';
import { privacyRoutes } from './features/privacy/routes';
import { webhookLogRoutes } from './features/webhook-log/routes';
import { apiLogRoutes } from './features/api-log/routes';
import { authRoutes } from './features/auth/routes';

/** An entry of the main navigation. */
export interface NavItem {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

export const navItems: NavItem[] = [
  { path: '/', label: 'Dashboard', icon: IconChartBar },
  { path: '/inbox', label: 'Inbox', icon: IconInbox },
  { path: '/campaigns', label: 'Campaigns', icon: IconSpeakerphone },
  { path: '/templates', label: 'Templates', icon: IconFileText },
  { path: '/contacts', label: 'Contacts', icon: IconAddressBook },
  { path: '/logs', label: 'Logs', icon: IconListDetails },
  { path: '/settings', label: 'Settings', icon: IconSettings },
  { path: '/privacy', label: 'Privacy', icon: IconShieldLock },
];

/**
 * Every page of the signed-in app. Features add their pages here; a path may have
 * children (e.g. `/settings/users`).
 */
export const appRoutes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <DashboardPage /> },
  {
    path: '/inbox',
    element: <PlaceholderPage title="Inbox" description="Conversations with your customers." />,
  },
  {
    path: '/campaigns',
    element: <PlaceholderPage title="Campaigns" description="Broadcasts to your audiences." />,
  },
  { path: '/templates', element: <TemplatesPage /> },
  { path: '/templates/new', element: <TemplateBuilderPage /> },
  {
    path: '/contacts',
    element: <PlaceholderPage title="Contacts" description="Your audience, consent and imports." />,
  },
  ...webhookLogRoutes,
  ...apiLogRoutes,
  { path: '/settings', element: <SettingsHubPage /> },
  { path: '/settings/whatsapp', element: <WhatsAppSettingsPage /> },
  ...privacyRoutes,
  ...authRoutes,
];
