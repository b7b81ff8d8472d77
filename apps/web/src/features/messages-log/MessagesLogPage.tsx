import {
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import type { MessageLogEntry, MessageLogQuery } from '@kiana/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LogsTabs } from '../../app/LogsTabs';
import { Ltr } from '../../app/Ltr';
import { PageHeader } from '../../app/PageHeader';
import {
  DataTable,
  FilterBar,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { MessageDrawer } from './MessageDrawer';
import { useCampaigns, useSendingNumbers } from '../campaigns/campaigns.api';
import { dayRange, messageLogCsvUrl, useMessageLog } from './messages-log.api';

const statuses = ['pending', 'received', 'sent', 'delivered', 'read', 'failed'] as const;
type Status = (typeof statuses)[number];
const spec: TableStateSpec = {
  filters: [
    'q',
    'direction',
    'status',
    'errorCode',
    'phoneNumberId',
    'contact',
    'campaignId',
    'from',
    'to',
  ],
};

const statusColor: Record<string, string> = {
  failed: 'red',
  read: 'green',
  delivered: 'teal',
  sent: 'blue',
  received: 'grape',
};

/** Logs → Messages: every message in and out, filtered on the server, with its history. */
export function MessagesLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const table = useTableState(spec);
  const [openId, setOpenId] = useState<string | null>(null);
  const [search] = useDebouncedValue(table.filters.q ?? '', 300);
  const [code] = useDebouncedValue(table.filters.errorCode ?? '', 300);
  const [contact] = useDebouncedValue(table.filters.contact ?? '', 300);
  const direction = table.filters.direction;
  const status = table.filters.status as Status | undefined;
  const { phoneNumberId, campaignId } = table.filters;
  const numbers = useSendingNumbers();
  const campaigns = useCampaigns({ pageSize: 200 });
  const query: Omit<MessageLogQuery, 'cursor' | 'limit'> = {
    ...(search === '' ? {} : { q: search }),
    ...(contact === '' ? {} : { contact }),
    ...(direction === 'in' || direction === 'out' ? { direction } : {}),
    ...(status !== undefined && statuses.includes(status) ? { status } : {}),
    ...(/^\d+$/.test(code) ? { errorCode: Number(code) } : {}),
    ...(phoneNumberId === undefined || phoneNumberId === '' ? {} : { phoneNumberId }),
    ...(campaignId === undefined || campaignId === '' ? {} : { campaignId }),
    ...dayRange(table.filters.from, table.filters.to),
  };
  const log = useMessageLog(query);
  const rows = log.data?.pages.flatMap((p) => p.messages);
  const columns: DataColumn<MessageLogEntry>[] = [
    {
      id: 'createdAt',
      header: t('messagesLog.time'),
      cell: (m) => (
        <UnstyledButton fz="sm" onClick={() => setOpenId(m.id)}>
          {fmt.dateTime(m.createdAt)}
        </UnstyledButton>
      ),
    },
    {
      id: 'direction',
      header: t('messagesLog.direction'),
      cell: (m) => t(`messagesLog.directions.${m.direction}`),
    },
    {
      id: 'contact',
      header: t('messagesLog.contact'),
      cell: (m) => <Ltr>{m.contactPhone ?? m.contactName ?? '—'}</Ltr>,
    },
    {
      id: 'content',
      header: t('messagesLog.content'),
      cell: (m) => (
        <Text size="sm" lineClamp={1} maw={320} dir="auto">
          {m.templateName ?? m.text ?? m.type}
        </Text>
      ),
    },
    {
      id: 'status',
      header: t('messagesLog.status'),
      cell: (m) => (
        <Badge color={statusColor[m.status] ?? 'gray'} variant="light">
          {t(`messagesLog.steps.${m.status as 'sent'}`)}
        </Badge>
      ),
    },
    {
      id: 'errorCode',
      header: t('messagesLog.errorCode'),
      cell: (m) => <Ltr>{m.errorCode ?? ''}</Ltr>,
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.logs')} description={t('messagesLog.description')} />
      <LogsTabs active="messages" />
      <Stack>
        <FilterBar>
          <TextInput
            label={t('common.search')}
            placeholder={t('messagesLog.searchHint')}
            value={table.filters.q ?? ''}
            w={280}
            onChange={(e) => table.setFilter('q', normaliseDigits(e.currentTarget.value))}
          />
          <Select
            label={t('messagesLog.direction')}
            placeholder={t('templates.any')}
            clearable
            data={(['in', 'out'] as const).map((d) => ({
              value: d,
              label: t(`messagesLog.directions.${d}`),
            }))}
            value={table.filters.direction ?? null}
            onChange={(v) => table.setFilter('direction', v)}
            w={150}
          />
          <Select
            label={t('messagesLog.status')}
            placeholder={t('templates.any')}
            clearable
            data={statuses.map((s) => ({ value: s, label: t(`messagesLog.steps.${s}`) }))}
            value={table.filters.status ?? null}
            onChange={(v) => table.setFilter('status', v)}
            w={160}
            data-testid="status-filter"
          />
          <TextInput
            label={t('messagesLog.errorCode')}
            value={table.filters.errorCode ?? ''}
            inputMode="numeric"
            w={140}
            onChange={(e) => table.setFilter('errorCode', normaliseDigits(e.currentTarget.value))}
            data-testid="error-code-filter"
          />
          <Select
            label={t('messagesLog.number')}
            placeholder={t('templates.any')}
            clearable
            data={(numbers.data?.numbers ?? []).map((n) => ({
              value: n.phoneNumberId,
              label: n.displayPhoneNumber,
            }))}
            value={phoneNumberId ?? null}
            onChange={(v) => table.setFilter('phoneNumberId', v)}
            w={190}
            data-testid="number-filter"
          />
          <TextInput
            label={t('messagesLog.contact')}
            placeholder={t('messagesLog.contactHint')}
            value={table.filters.contact ?? ''}
            w={200}
            onChange={(e) => table.setFilter('contact', normaliseDigits(e.currentTarget.value))}
            data-testid="contact-filter"
          />
          <Select
            label={t('messagesLog.campaign')}
            placeholder={t('templates.any')}
            clearable
            searchable
            data={(campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={campaignId ?? null}
            onChange={(v) => table.setFilter('campaignId', v)}
            w={220}
            data-testid="campaign-filter"
          />
          <TextInput
            type="date"
            label={t('messagesLog.fromDay')}
            value={table.filters.from ?? ''}
            onChange={(e) => table.setFilter('from', e.currentTarget.value)}
            w={170}
            data-testid="from-filter"
          />
          <TextInput
            type="date"
            label={t('messagesLog.toDay')}
            value={table.filters.to ?? ''}
            onChange={(e) => table.setFilter('to', e.currentTarget.value)}
            w={170}
            data-testid="to-filter"
          />
        </FilterBar>
        <Group justify="flex-end">
          <Button
            component="a"
            href={messageLogCsvUrl(query)}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            data-testid="message-log-csv"
          >
            {t('messagesLog.exportCsv')}
          </Button>
        </Group>
        <DataTable
          label={t('logs.messages')}
          testId="message-log"
          columns={columns}
          rows={rows}
          rowKey={(m) => m.id}
          isLoading={log.isLoading}
          error={log.error}
          onRetry={() => void log.refetch()}
          empty={t('dataTable.noMatch')}
          onRowClick={(m) => setOpenId(m.id)}
        />
        {log.hasNextPage && (
          <Button
            variant="default"
            loading={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {t('messagesLog.loadMore')}
          </Button>
        )}
      </Stack>
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
