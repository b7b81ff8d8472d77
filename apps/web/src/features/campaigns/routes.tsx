import type { ReactElement } from 'react';
import { lazyPage } from '../../app/lazy-page';

const CampaignsPage = lazyPage(() => import('./CampaignsPage'), 'CampaignsPage');
const CampaignWizardPage = lazyPage(() => import('./CampaignWizardPage'), 'CampaignWizardPage');
const CampaignPage = lazyPage(() => import('./CampaignPage'), 'CampaignPage');

const CampaignSettingsPage = lazyPage(
  () => import('./CampaignSettingsPage'),
  'CampaignSettingsPage',
);

const CampaignReportPage = lazyPage(
  () => import('./report/CampaignReportPage'),
  'CampaignReportPage',
);
const CampaignComparePage = lazyPage(
  () => import('./report/CampaignComparePage'),
  'CampaignComparePage',
);

/** Campaigns: the list, the wizard (new or a saved draft) and one campaign. */
export const campaignsRoutes: { path: string; element: ReactElement }[] = [
  { path: '/campaigns', element: <CampaignsPage /> },
  { path: '/campaigns/new', element: <CampaignWizardPage /> },
  { path: '/campaigns/:id/edit', element: <CampaignWizardPage /> },
  { path: '/campaigns/compare', element: <CampaignComparePage /> },
  { path: '/campaigns/:id/report', element: <CampaignReportPage /> },
  { path: '/campaigns/:id', element: <CampaignPage /> },
  { path: '/settings/campaigns', element: <CampaignSettingsPage /> },
];
