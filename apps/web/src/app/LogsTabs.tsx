import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export type LogsTab = 'webhooks' | 'messages' | 'graph-api' | 'security';

const paths: Record<LogsTab, string> = {
  webhooks: '/logs',
  messages: '/logs/messages',
  'graph-api': '/logs/graph-api',
  security: '/logs/security',
};

/** The Logs hub's tabs; each log page renders them above its content. */
export function LogsTabs({ active }: { active: LogsTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={active}
      mb="md"
      onChange={(value) => {
        if (value !== null) void navigate(paths[value as LogsTab]);
      }}
    >
      <Tabs.List>
        <Tabs.Tab value="webhooks">{t('logs.webhooks')}</Tabs.Tab>
        <Tabs.Tab value="messages">{t('logs.messages')}</Tabs.Tab>
        <Tabs.Tab value="graph-api">{t('logs.graphApi')}</Tabs.Tab>
        <Tabs.Tab value="security">{t('logs.security')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
