import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useState } from 'react';
import {
  Badge,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { WebhookEventStatus, WebhookEventSummary } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import {
  DataTable,
  FilterBar,
  LiveBadge,
  TablePager,
  offsetOf,
  useLiveRefresh,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { WebhookEventDrawer } from './WebhookEventDrawer';
import { useWebhookEvents } from './webhook-log.api';
import { statusColor } from './webhook-log.format';

const PAGE = 50;
const statuses: WebhookEventStatus[] = ['processed', 'pending', 'flagged', 'failed'];
const spec: TableStateSpec = { filters: ['q', 'status'] };

/** Logs → Webhooks: every delivery Meta made, live, searchable, with its raw body and replay. */
export function WebhookLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const table = useTableState(spec);
  const [openId, setOpenId] = useState<string | null>(null);
  const [liveFailures, setLiveFailures] = useState(0);
  const [search] = useDebouncedValue(table.filters.q ?? '', 300);
  const status = table.filters.status as WebhookEventStatus | undefined;
  const events = useWebhookEvents({
    q: search || undefined,
    status: status !== undefined && statuses.includes(status) ? status : undefined,
    limit: PAGE,
    offset: offsetOf(table.page, PAGE),
  });
  const { connected } = useLiveRefresh(
    ['webhooks.event', 'webhooks.signature_failure'],
    ['webhook-events'],
    {
      onEvent: (e) => {
        if (e.name === 'webhooks.signature_failure') setLiveFailures((n) => n + 1);
      },
      // The refetched count includes the failures seen live so far.
      onRefreshed: () => setLiveFailures(0),
    },
  );
  const total = events.data?.total ?? 0;
  const signatureFailures = (events.data?.signatureFailures ?? 0) + liveFailures;
  const columns: DataColumn<WebhookEventSummary>[] = [
    {
      id: 'receivedAt',
      header: t('securityLog.time'),
      // The row opens the event; the time is the keyboard's way in.
      cell: (e) => (
        <UnstyledButton fz="sm" onClick={() => setOpenId(e.id)}>
          {fmt.dateTime(e.receivedAt)}
        </UnstyledButton>
      ),
    },
    { id: 'field', header: t('webhookLog.field'), cell: (e) => <code dir="ltr">{e.field}</code> },
    {
      id: 'account',
      header: t('templates.account'),
      cell: (e) => <Ltr>{e.wabaId ?? e.accountId ?? '—'}</Ltr>,
    },
    {
      id: 'signature',
      header: t('webhookLog.signature'),
      cell: (e) => (
        <Badge color="green" variant="outline">
          {t(`webhookLog.signatures.${e.signature}`)}
        </Badge>
      ),
    },
    {
      id: 'status',
      header: t('webhookLog.processing'),
      cell: (e) => (
        <Badge color={statusColor[e.status]} variant="light">
          {t(`webhookLog.statuses.${e.status}`)}
        </Badge>
      ),
    },
    { id: 'items', header: t('webhookLog.items'), cell: (e) => fmt.number(e.itemCount) },
    {
      id: 'error',
      header: t('webhookLog.error'),
      cell: (e) => (
        <Text size="sm" lineClamp={1} maw={320} dir="auto">
          {e.error ?? ''}
        </Text>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.logs')}
        description={t('webhookLog.description')}
        actions={<LiveBadge connected={connected} />}
      />
      <LogsTabs active="webhooks" />
      <Stack>
        <FilterBar>
          <TextInput
            label={t('common.search')}
            placeholder={t('webhookLog.searchHint')}
            value={table.filters.q ?? ''}
            w={360}
            onChange={(e) => table.setFilter('q', normaliseDigits(e.currentTarget.value))}
            data-testid="webhook-search"
          />
          <Select
            label={t('webhookLog.processing')}
            placeholder={t('templates.any')}
            clearable
            data={statuses.map((s) => ({ value: s, label: t(`webhookLog.statuses.${s}`) }))}
            value={table.filters.status ?? null}
            onChange={(v) => table.setFilter('status', v)}
            w={160}
          />
        </FilterBar>
        <Group gap="lg">
          <Text size="sm" c="dimmed">
            {t('webhookLog.events', { count: total })}
          </Text>
          <Tooltip label={t('webhookLog.refusedHint')}>
            <Text
              size="sm"
              c={signatureFailures > 0 ? 'red' : 'dimmed'}
              data-testid="signature-failures"
            >
              {t('webhookLog.refused', { count: signatureFailures })}
            </Text>
          </Tooltip>
        </Group>
        <DataTable
          label={t('logs.webhooks')}
          testId="webhook-log"
          columns={columns}
          rows={events.data?.events}
          rowKey={(e) => e.id}
          isLoading={events.isLoading}
          error={events.error}
          onRetry={() => void events.refetch()}
          empty={t('dataTable.noMatch')}
          onRowClick={(e) => setOpenId(e.id)}
        />
        <TablePager total={total} pageSize={PAGE} page={table.page} onChange={table.setPage} />
      </Stack>
      <WebhookEventDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
