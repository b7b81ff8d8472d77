import { Tabs } from '@mantine/core';
import { useNavigate } from 'react-router';

export type LogsTab = 'webhooks' | 'graph-api' | 'security';

const paths: Record<LogsTab, string> = {
  webhooks: '/logs',
  'graph-api': '/logs/graph-api',
  security: '/logs/security',
};

/** The Logs hub's tabs; each log page renders them above its content. */
export function LogsTabs({ active }: { active: LogsTab }) {
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
        <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>
        <Tabs.Tab value="graph-api">Graph API</Tabs.Tab>
        <Tabs.Tab value="security">Security log</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
