import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { Badge, Button, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditQuery } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import {
  DataTable,
  FilterBar,
  TablePager,
  offsetOf,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { auditExportUrl, authApi } from '../auth/auth.api';

const PAGE = 50;
const outcomes = ['success', 'failure', 'denied'] as const;
const outcomeColor: Record<AuditEntry['outcome'], string> = {
  success: 'green',
  failure: 'red',
  denied: 'orange',
};
const spec: TableStateSpec = { filters: ['action', 'actor', 'ip', 'outcome'] };

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** The security log: every sign-in, change and denial, filterable and exportable as CSV. */
export function SecurityLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const table = useTableState(spec);
  const [filters] = useDebouncedValue(table.filters, 300);
  const outcome = outcomes.find((o) => o === filters.outcome);
  const query: Partial<AuditQuery> = {
    action: filters.action,
    actor: filters.actor,
    ip: filters.ip,
    outcome,
  };
  const log = useQuery({
    queryKey: ['audit', query, table.page],
    queryFn: () => authApi.audit({ ...query, limit: PAGE, offset: offsetOf(table.page, PAGE) }),
  });
  const total = log.data?.total ?? 0;
  const columns: DataColumn<AuditEntry>[] = [
    { id: 'at', header: t('securityLog.time'), cell: (e) => fmt.dateTime(e.at) },
    {
      id: 'action',
      header: t('securityLog.action'),
      cell: (e) => <code dir="ltr">{e.action}</code>,
    },
    {
      id: 'outcome',
      header: t('securityLog.outcome'),
      cell: (e) => (
        <Badge color={outcomeColor[e.outcome]} variant="light">
          {t(`securityLog.outcomes.${e.outcome}`)}
        </Badge>
      ),
    },
    {
      id: 'actor',
      header: t('securityLog.actor'),
      cell: (e) => <bdi>{e.actorName ?? e.actorType}</bdi>,
    },
    { id: 'ip', header: t('account.ip'), cell: (e) => <Ltr>{e.ip ?? '—'}</Ltr> },
    {
      id: 'browser',
      header: t('account.browser'),
      cell: (e) => (
        <Tooltip label={e.userAgent ?? ''} disabled={e.userAgent === null}>
          <Text size="sm" lineClamp={1} maw={200} dir="ltr">
            {e.userAgent ?? '—'}
          </Text>
        </Tooltip>
      ),
    },
    {
      id: 'details',
      header: t('common.details'),
      cell: (e) => (
        <Text size="sm" dir="ltr">
          {detailsText(e.details)}
        </Text>
      ),
    },
  ];
  const f = table.filters;
  return (
    <>
      <PageHeader
        title={t('logs.security')}
        description={t('securityLog.description')}
        actions={
          <Button component="a" href={auditExportUrl(query)} variant="default" download>
            {t('securityLog.export')}
          </Button>
        }
      />
      <LogsTabs active="security" />
      <Stack>
        <FilterBar>
          <TextInput
            label={t('securityLog.action')}
            placeholder={t('securityLog.actionHint')}
            value={f.action ?? ''}
            onChange={(e) => table.setFilter('action', e.currentTarget.value)}
          />
          <TextInput
            label={t('securityLog.actor')}
            placeholder={t('securityLog.actorHint')}
            value={f.actor ?? ''}
            onChange={(e) => table.setFilter('actor', e.currentTarget.value)}
          />
          <TextInput
            label={t('account.ip')}
            value={f.ip ?? ''}
            onChange={(e) => table.setFilter('ip', normaliseDigits(e.currentTarget.value))}
          />
          <Select
            label={t('securityLog.outcome')}
            clearable
            data={outcomes.map((o) => ({ value: o, label: t(`securityLog.outcomes.${o}`) }))}
            value={f.outcome ?? null}
            onChange={(v) => table.setFilter('outcome', v)}
            w={140}
          />
        </FilterBar>
        <Text size="sm" c="dimmed">
          {t('securityLog.records', { count: total })}
        </Text>
        <DataTable
          label={t('logs.security')}
          testId="security-log"
          columns={columns}
          rows={log.data?.entries}
          rowKey={(e) => e.id}
          isLoading={log.isLoading}
          error={log.error}
          onRetry={() => void log.refetch()}
          empty={t('dataTable.noMatch')}
        />
        <TablePager total={total} pageSize={PAGE} page={table.page} onChange={table.setPage} />
      </Stack>
    </>
  );
}
