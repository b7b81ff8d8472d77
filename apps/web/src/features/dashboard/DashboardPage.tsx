import { Card, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { serverInfoSchema } from '@kiana/contracts';
import { api } from '../../api/client';
import { PageHeader } from '../../app/PageHeader';

/** The landing page: what this installation is and how it is doing. */
export function DashboardPage() {
  const info = useQuery({ queryKey: ['meta'], queryFn: () => api.get('/meta', serverInfoSchema) });
  return (
    <>
      <PageHeader title="Dashboard" description="Your WhatsApp messaging at a glance." />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Mode
          </Text>
          <Text fw={600} size="lg" data-testid="mode">
            {info.data === undefined ? '…' : info.data.demo ? 'Demo (simulator)' : 'Live'}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Database
          </Text>
          <Text fw={600} size="lg">
            {info.data?.database === 'postgres'
              ? 'PostgreSQL'
              : info.data === undefined
                ? '…'
                : 'SQLite'}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Version
          </Text>
          <Text fw={600} size="lg">
            {info.data?.version ?? '…'}
          </Text>
        </Card>
      </SimpleGrid>
    </>
  );
}
