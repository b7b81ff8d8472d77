import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../app/ApiErrorAlert';
import { useLocale } from '../../i18n/locale-context';
import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { legalMessages, retentionClasses, type RetentionPeriods } from '@kiana/contracts';
import { privacyApi, privacyKeys } from './privacy.api';

/** Retention periods, what the next purge will delete, and the history of runs. */
export function RetentionTab() {
  const { t } = useTranslation();
  const { fmt, settings: locale } = useLocale();
  const classLabels = legalMessages[locale.language].retentionClasses;
  const client = useQueryClient();
  const settings = useQuery({ queryKey: privacyKeys.retention, queryFn: privacyApi.retention });
  const preview = useQuery({
    queryKey: privacyKeys.purgePreview,
    queryFn: privacyApi.purgePreview,
  });
  const runs = useQuery({ queryKey: privacyKeys.runs, queryFn: privacyApi.runs });
  const [periods, setPeriods] = useState<RetentionPeriods | undefined>();
  useEffect(() => {
    if (settings.data !== undefined) setPeriods(settings.data.periods);
  }, [settings.data]);
  const refreshAll = () => client.invalidateQueries({ queryKey: ['privacy'] });
  const save = useMutation({
    mutationFn: (p: RetentionPeriods) => privacyApi.saveRetention(p),
    onSuccess: refreshAll,
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => privacyApi.runPurge(dryRun),
    onSuccess: refreshAll,
  });
  if (settings.isLoading || periods === undefined)
    return <Loader aria-label={t('common.loading')} />;
  const changed = JSON.stringify(periods) !== JSON.stringify(settings.data?.periods);
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('privacy.retention.periods')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('privacy.retention.periodsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {retentionClasses.map((c) => (
            <NumberInput
              key={c}
              label={classLabels[c]}
              suffix={` ${t('privacy.retention.daysSuffix')}`}
              min={1}
              max={3650}
              value={periods[c]}
              onChange={(v) =>
                setPeriods({ ...periods, [c]: typeof v === 'number' ? v : Number(v) || 1 })
              }
            />
          ))}
        </SimpleGrid>
        {save.error !== null && (
          <Alert color="red" mt="sm">
            {apiErrorMessage(save.error, t)}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          <Button onClick={() => save.mutate(periods)} disabled={!changed} loading={save.isPending}>
            {t('privacy.retention.save')}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            {t('privacy.retention.nextRun')}
          </Title>
          <Group>
            <Button
              variant="default"
              onClick={() => run.mutate(true)}
              loading={run.isPending && run.variables}
            >
              {t('privacy.retention.dryRun')}
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => run.mutate(false)}
              loading={run.isPending && !run.variables}
            >
              {t('privacy.retention.purgeNow')}
            </Button>
          </Group>
        </Group>
        {run.error !== null && (
          <Alert color="red" mb="sm">
            {apiErrorMessage(run.error, t)}
          </Alert>
        )}
        {preview.data === undefined ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : (
          <Table data-testid="purge-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.retention.data')}</Table.Th>
                <Table.Th>{t('privacy.retention.keptFor')}</Table.Th>
                <Table.Th>{t('privacy.retention.olderThan')}</Table.Th>
                <Table.Th>{t('privacy.retention.rows')}</Table.Th>
                <Table.Th>{t('privacy.retention.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.classes.map((c) => (
                <Table.Tr key={c.retentionClass}>
                  <Table.Td>
                    {classLabels[c.retentionClass as keyof typeof classLabels] ?? c.label}
                  </Table.Td>
                  <Table.Td>{t('privacy.days', { count: c.days })}</Table.Td>
                  <Table.Td>{fmt.date(c.cutoff)}</Table.Td>
                  <Table.Td title={c.tables.map((x) => `${x.table}: ${x.rows}`).join('\n')}>
                    {fmt.number(c.rows)}
                  </Table.Td>
                  <Table.Td>{fmt.number(c.files)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('privacy.retention.history')}
        </Title>
        {runs.data?.runs.length === 0 && <Text c="dimmed">{t('privacy.retention.noRuns')}</Text>}
        {(runs.data?.runs.length ?? 0) > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.retention.started')}</Table.Th>
                <Table.Th>{t('privacy.retention.trigger')}</Table.Th>
                <Table.Th>{t('privacy.retention.result')}</Table.Th>
                <Table.Th>{t('privacy.retention.rows')}</Table.Th>
                <Table.Th>{t('privacy.retention.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data?.runs.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{fmt.dateTime(r.startedAt)}</Table.Td>
                  <Table.Td>
                    {t(`privacy.retention.triggers.${r.trigger}`)}
                    {r.dryRun && (
                      <Badge ms="xs" size="xs" variant="outline">
                        {t('privacy.retention.dryRunBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'blue'}
                      variant="light"
                      title={r.error ?? undefined}
                    >
                      {t(`privacy.retention.statuses.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td
                    title={Object.entries(r.counts)
                      .map(([table, n]) => `${table}: ${n}`)
                      .join('\n')}
                  >
                    {fmt.number(r.rows)}
                  </Table.Td>
                  <Table.Td>{fmt.number(r.files)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
