import { databaseNames } from '../../app/literals';
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { serverInfoSchema } from '@kiana/contracts';
import { api } from '../../api/client';
import { PageHeader } from '../../app/PageHeader';
import { Ltr } from '../../app/Ltr';

/** The landing page: what this installation is and how it is doing. */
export function DashboardPage() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['meta'], queryFn: () => api.get('/meta', serverInfoSchema) });
  const pending = '…';
  return (
    <>
      <PageHeader title={t('nav.dashboard')} description={t('dashboard.description')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('dashboard.mode')}
          </Text>
          <Text fw={600} size="lg" data-testid="mode">
            {info.data === undefined
              ? pending
              : info.data.demo
                ? t('dashboard.demoMode')
                : t('dashboard.liveMode')}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('dashboard.database')}
          </Text>
          <Text fw={600} size="lg">
            <Ltr>{info.data === undefined ? pending : databaseNames[info.data.database]}</Ltr>
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('dashboard.version')}
          </Text>
          <Text fw={600} size="lg">
            <Ltr>{info.data?.version ?? pending}</Ltr>
          </Text>
        </Card>
      </SimpleGrid>
    </>
  );
}
