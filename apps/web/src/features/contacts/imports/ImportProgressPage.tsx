import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import {
  contactImportProgressSchema,
  type ContactImport,
  type ContactImportProgress,
} from '@kiana/contracts';
import { ApiErrorAlert } from '../../../app/ApiErrorAlert';
import { LiveBadge, useLiveEvents } from '../../../app/data-table';
import { PageHeader } from '../../../app/PageHeader';
import { useLocale } from '../../../i18n/locale-context';
import { ImportStatusBadge } from './ImportStatusBadge';
import { rejectedCsvUrl, useContactImport } from './imports.api';

/** One import: a live progress bar while it runs, then its summary and rejected rows. */
export function ImportProgressPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const job = useContactImport(id);
  const [live, setLive] = useState<ContactImportProgress | null>(null);
  const { connected } = useLiveEvents(['contacts.import.progress'], (e) => {
    const p = contactImportProgressSchema.safeParse(e.payload);
    if (!p.success || p.data.importId !== id) return;
    setLive(p.data);
    // The last event says the end: fetch the summary now rather than at the next poll.
    if (p.data.secondsLeft === 0 || p.data.percent >= 100)
      void qc.invalidateQueries({ queryKey: ['contact-imports'] });
  });
  return (
    <>
      <PageHeader
        title={t('imports.progressTitle')}
        actions={
          <Group>
            <LiveBadge connected={connected} />
            <Anchor component={Link} to="/contacts/imports" size="sm">
              {t('imports.past')}
            </Anchor>
            <Button component={Link} to="/contacts/import" variant="default">
              {t('imports.new')}
            </Button>
          </Group>
        }
      />
      {job.error !== null ? (
        <ApiErrorAlert error={job.error} />
      ) : job.data === undefined ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <ImportView job={job.data} live={live} />
      )}
    </>
  );
}

function ImportView({ job, live }: { job: ContactImport; live: ContactImportProgress | null }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const running = job.status === 'queued' || job.status === 'running';
  // A live event is newer than the last poll while the import runs; the record wins after.
  const fresh = running && live !== null && live.rowsDone >= job.rowsDone ? live : null;
  const percent = fresh?.percent ?? job.percent;
  const rowsDone = fresh?.rowsDone ?? job.rowsDone;
  const stats = [
    ['created', job.summary.created],
    ['updated', job.summary.updated],
    ['unchanged', job.summary.unchanged],
    ['invalid', job.summary.invalid],
    ['duplicate', job.summary.duplicate],
  ] as const;
  return (
    <Stack data-testid="import-view" data-status={job.status}>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <ImportStatusBadge status={job.status} />
            <Text size="sm" c="dimmed">
              {fmt.dateTime(job.createdAt)}
            </Text>
          </Group>
          <Progress.Root size="xl" data-testid="import-progress" data-percent={percent}>
            {/* The section carries the progressbar role, so its name goes there. */}
            <Progress.Section
              value={percent}
              animated={running}
              color={job.status === 'failed' ? 'red' : undefined}
              aria-label={t('imports.progress')}
            />
          </Progress.Root>
          <Group gap="lg">
            <Text size="sm" data-testid="import-percent">
              {t('imports.percent', { percent: fmt.number(percent) })}
            </Text>
            <Text size="sm">{t('imports.rowsDone', { count: rowsDone })}</Text>
            {running && fresh !== null && (
              <>
                <Text size="sm">
                  {t('imports.rowsPerSec', { rate: fmt.number(fresh.rowsPerSec) })}
                </Text>
                <Text size="sm">
                  {fresh.secondsLeft === null
                    ? t('imports.timeLeftUnknown')
                    : t('imports.timeLeft', { seconds: fmt.number(fresh.secondsLeft) })}
                </Text>
              </>
            )}
          </Group>
        </Stack>
      </Card>
      {job.status === 'failed' && job.error !== null && (
        <Alert color="red" title={t('imports.failed')} data-testid="import-error">
          <bdi>{job.error}</bdi>
        </Alert>
      )}
      {!running && (
        <Card withBorder data-testid="import-summary">
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {stats.map(([key, value]) => (
              <Stack gap={2} key={key}>
                <Text size="xs" c="dimmed">
                  {t(`imports.summary.${key}`)}
                </Text>
                <Text size="lg" fw={600} data-testid={`summary-${key}`}>
                  {fmt.number(value)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {job.hasRejected && (
            <Group mt="md">
              <Button
                component="a"
                href={rejectedCsvUrl(job.id)}
                download
                variant="light"
                data-testid="download-rejected"
              >
                {t('imports.downloadRejected')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('imports.rejectedHint')}
              </Text>
            </Group>
          )}
        </Card>
      )}
    </Stack>
  );
}
