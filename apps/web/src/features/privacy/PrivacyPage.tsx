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
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Deletion requests, retention and the public legal pages."
        actions={
          <Anchor href="/legal" target="_blank" rel="noreferrer">
            Public legal pages
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
          <Tabs.Tab value="requests">Deletion requests</Tabs.Tab>
          <Tabs.Tab value="retention">Retention</Tabs.Tab>
          <Tabs.Tab value="legal">Legal pages</Tabs.Tab>
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
