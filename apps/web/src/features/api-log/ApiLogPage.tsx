import { useTranslation } from 'react-i18next';
import { FailureReason } from '../../app/FailureReason';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useState } from 'react';
import { Badge, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { GraphApiCall } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import {
  CursorPager,
  DataTable,
  FilterBar,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { useAccounts } from '../accounts/accounts.api';
import { useGraphApiCalls } from './api-log.api';
import { classColor, localTime, statusLabel } from './api-log.format';

const PAGE = 50;
const spec: TableStateSpec = { filters: ['q', 'status', 'accountId', 'errorCode', 'from', 'to'] };

/** Logs → Graph API: every call the panel made to Meta, with status, Meta error and timing. */
export function ApiLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const table = useTableState(spec);
  const f = table.filters;
  const [search] = useDebouncedValue(f.q ?? '', 300);
  const [code] = useDebouncedValue(f.errorCode ?? '', 300);
  const accounts = useAccounts();
  // Cursors of the pages before the current one, for the filters they were taken under: the
  // log is cursor-paged (it grows while read), so the stack lives here, not in the URL.
  const filterKey = JSON.stringify(f);
  const [paging, setPaging] = useState({ filterKey, cursors: [] as string[] });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [];
  const setCursors = (next: string[]) => setPaging({ filterKey, cursors: next });
  const calls = useGraphApiCalls({
    q: search || undefined,
    status: f.status === 'ok' || f.status === 'error' ? f.status : undefined,
    accountId: f.accountId,
    errorCode: /^\d+$/.test(code) ? Number(code) : undefined,
    from: localTime(f.from ?? ''),
    to: localTime(f.to ?? ''),
    limit: PAGE,
    cursor: cursors.at(-1),
  });
  const names = new Map((accounts.data ?? []).map((a) => [a.id, a.name]));
  const dropped = calls.data?.dropped ?? 0;
  const columns: DataColumn<GraphApiCall>[] = [
    { id: 'at', header: t('securityLog.time'), cell: (c) => fmt.dateTime(c.at) },
    {
      id: 'call',
      header: t('apiLog.call'),
      cell: (c) => (
        <Group gap={6} wrap="nowrap" dir="ltr">
          <Badge variant="outline" color="gray" size="sm">
            {c.method}
          </Badge>
          <code>{c.path}</code>
          {c.note !== null && (
            <Badge variant="light" color="blue" size="sm">
              {c.note}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: 'account',
      header: t('templates.account'),
      cell: (c) => (
        <>
          <bdi>{c.accountId === null ? '—' : (names.get(c.accountId) ?? c.accountId)}</bdi>
          {c.phoneNumberId !== null && (
            <Text size="xs" c="dimmed" dir="ltr">
              {c.phoneNumberId}
            </Text>
          )}
        </>
      ),
    },
    {
      id: 'status',
      header: t('apiKeys.status'),
      cell: (c) => (
        <Group gap={6} wrap="nowrap">
          <Badge color={classColor(c.classification)} variant="light">
            <Ltr>{statusLabel(c, t('apiLog.noAnswer'))}</Ltr>
          </Badge>
          {c.classification !== null && (
            <Text size="xs" c="dimmed" dir="ltr">
              {c.classification}
            </Text>
          )}
        </Group>
      ),
    },
    {
      id: 'reason',
      header: t('failures.reason'),
      cell: (c) => (c.errorCode === null ? null : <FailureReason code={c.errorCode} compact />),
    },
    {
      id: 'duration',
      header: t('apiLog.duration'),
      cell: (c) => t('apiLog.ms', { value: fmt.number(c.durationMs) }),
    },
    {
      id: 'fbtrace',
      header: t('apiLog.fbtrace'),
      cell: (c) => (
        <Text size="xs" ff="monospace" dir="ltr">
          {c.fbtraceId ?? ''}
        </Text>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.logs')} description={t('apiLog.description')} />
      <LogsTabs active="graph-api" />
      <Stack>
        <FilterBar>
          <TextInput
            label={t('apiLog.path')}
            placeholder={t('apiLog.pathHint')}
            value={f.q ?? ''}
            w={260}
            onChange={(e) => table.setFilter('q', e.currentTarget.value)}
            data-testid="api-log-search"
          />
          <Select
            label={t('privacy.retention.result')}
            clearable
            data={[
              { value: 'ok', label: t('apiLog.succeeded') },
              { value: 'error', label: t('apiLog.failed') },
            ]}
            value={f.status ?? null}
            onChange={(v) => table.setFilter('status', v)}
            w={140}
          />
          <Select
            label={t('templates.account')}
            clearable
            data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={f.accountId ?? null}
            onChange={(v) => table.setFilter('accountId', v)}
            w={200}
          />
          <TextInput
            label={t('apiLog.errorCode')}
            placeholder={t('apiLog.errorCodeHint')}
            value={f.errorCode ?? ''}
            w={140}
            inputMode="numeric"
            onChange={(e) =>
              table.setFilter('errorCode', normaliseDigits(e.currentTarget.value).trim())
            }
          />
          <TextInput
            label={t('apiLog.from')}
            type="datetime-local"
            value={f.from ?? ''}
            onChange={(e) => table.setFilter('from', e.currentTarget.value)}
          />
          <TextInput
            label={t('apiLog.to')}
            type="datetime-local"
            value={f.to ?? ''}
            onChange={(e) => table.setFilter('to', e.currentTarget.value)}
          />
        </FilterBar>
        {dropped > 0 && (
          <Text size="sm" c="orange" data-testid="api-log-dropped">
            {t('apiLog.dropped', { count: dropped })}
          </Text>
        )}
        <DataTable
          label={t('logs.graphApi')}
          testId="api-log"
          rowTestId="api-log-row"
          columns={columns}
          rows={calls.data?.calls}
          rowKey={(c) => c.id}
          isLoading={calls.isLoading}
          error={calls.error}
          onRetry={() => void calls.refetch()}
          empty={t('apiLog.none')}
        />
        <CursorPager
          hasNewer={cursors.length > 0}
          hasOlder={calls.data?.nextCursor != null}
          onNewer={() => setCursors(cursors.slice(0, -1))}
          onOlder={() => {
            const next = calls.data?.nextCursor;
            if (next != null) setCursors([...cursors, next]);
          }}
        />
      </Stack>
    </>
  );
}
