import { useTranslation } from 'react-i18next';
import { Anchor, Tabs } from '@mantine/core';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { RequestsTab } from './RequestsTab';
import { RetentionTab } from './RetentionTab';
import { LegalTab } from './LegalTab';

export type PrivacyTab = 'requests' | 'retention' | 'legal';

const paths: Record<PrivacyTab, string> = {
  requests: '/privacy',
  retention: '/privacy/retention',
  legal: '/privacy/legal',
};

/** Privacy: the deletion queue, retention periods and purge, and the public legal pages. */
export function PrivacyPage({ tab }: { tab: PrivacyTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('nav.privacy')}
        description={t('privacy.description')}
        actions={
          <Anchor href="/legal" target="_blank" rel="noreferrer">
            {t('privacy.publicPages')}
          </Anchor>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          if (value !== null) void navigate(paths[value as PrivacyTab]);
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="requests">{t('privacy.tabs.requests')}</Tabs.Tab>
          <Tabs.Tab value="retention">{t('settings.sections.retention.title')}</Tabs.Tab>
          <Tabs.Tab value="legal">{t('settings.sections.legal.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests">
          <RequestsTab />
        </Tabs.Panel>
        <Tabs.Panel value="retention">
          <RetentionTab />
        </Tabs.Panel>
        <Tabs.Panel value="legal">
          <LegalTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
