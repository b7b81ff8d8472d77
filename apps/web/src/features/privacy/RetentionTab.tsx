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
import { retentionClasses, retentionClassLabels, type RetentionPeriods } from '@kiana/contracts';
import { privacyApi, privacyKeys } from './privacy.api';

/** Retention periods, what the next purge will delete, and the history of runs. */
export function RetentionTab() {
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
    return <Loader aria-label="Loading retention settings" />;
  const changed = JSON.stringify(periods) !== JSON.stringify(settings.data?.periods);
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Retention periods
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Data older than its period is deleted by the daily purge. These numbers are shown on the
          public privacy policy.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {retentionClasses.map((c) => (
            <NumberInput
              key={c}
              label={retentionClassLabels[c]}
              suffix=" days"
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
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          <Button onClick={() => save.mutate(periods)} disabled={!changed} loading={save.isPending}>
            Save periods
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            Next run will delete
          </Title>
          <Group>
            <Button
              variant="default"
              onClick={() => run.mutate(true)}
              loading={run.isPending && run.variables}
            >
              Dry run
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => run.mutate(false)}
              loading={run.isPending && !run.variables}
            >
              Purge now
            </Button>
          </Group>
        </Group>
        {run.error !== null && (
          <Alert color="red" mb="sm">
            {run.error.message}
          </Alert>
        )}
        {preview.data === undefined ? (
          <Loader size="sm" aria-label="Counting" />
        ) : (
          <Table data-testid="purge-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Data</Table.Th>
                <Table.Th>Kept for</Table.Th>
                <Table.Th>Older than</Table.Th>
                <Table.Th>Rows</Table.Th>
                <Table.Th>Files</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.classes.map((c) => (
                <Table.Tr key={c.retentionClass}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td>{c.days} days</Table.Td>
                  <Table.Td>{new Date(c.cutoff).toLocaleDateString()}</Table.Td>
                  <Table.Td title={c.tables.map((t) => `${t.table}: ${t.rows}`).join('\n')}>
                    {c.rows}
                  </Table.Td>
                  <Table.Td>{c.files}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          Run history
        </Title>
        {runs.data?.runs.length === 0 && (
          <Text c="dimmed">No runs yet. The purge runs once a day.</Text>
        )}
        {(runs.data?.runs.length ?? 0) > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Rows</Table.Th>
                <Table.Th>Files</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data?.runs.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{new Date(r.startedAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {r.trigger}
                    {r.dryRun && (
                      <Badge ml="xs" size="xs" variant="outline">
                        dry run
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'blue'}
                      variant="light"
                      title={r.error ?? undefined}
                    >
                      {r.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td
                    title={Object.entries(r.counts)
                      .map(([t, n]) => `${t}: ${n}`)
                      .join('\n')}
                  >
                    {r.rows}
                  </Table.Td>
                  <Table.Td>{r.files}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
