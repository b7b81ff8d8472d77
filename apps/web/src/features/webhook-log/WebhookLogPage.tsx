import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useRef, useState } from 'react';
import {
  Badge,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { WebhookEventStatus } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import { WebhookEventDrawer } from './WebhookEventDrawer';
import { useLiveEvents } from './useLiveEvents';
import { useWebhookEvents } from './webhook-log.api';
import { statusColor } from './webhook-log.format';
import { ScrollTable } from '../../app/ScrollTable';

const PAGE = 50;
const statuses: WebhookEventStatus[] = ['processed', 'pending', 'flagged', 'failed'];

/** Logs → Webhooks: every delivery Meta made, live, searchable, with its raw body and replay. */
export function WebhookLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [liveFailures, setLiveFailures] = useState(0);
  const [search] = useDebouncedValue(q, 300);
  const query = {
    q: search || undefined,
    status: (status ?? undefined) as WebhookEventStatus | undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const events = useWebhookEvents(query);
  const qc = useQueryClient();
  // Deliveries can come by the hundred a second: refresh the list at most once a second.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { connected } = useLiveEvents(['webhooks.event', 'webhooks.signature_failure'], (e) => {
    if (e.name === 'webhooks.signature_failure') setLiveFailures((n) => n + 1);
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      // The refetched count includes the failures seen live so far.
      void qc.invalidateQueries({ queryKey: ['webhook-events'] }).then(() => setLiveFailures(0));
    }, 1000);
  });
  const total = events.data?.total ?? 0;
  const signatureFailures = (events.data?.signatureFailures ?? 0) + liveFailures;
  return (
    <>
      <PageHeader
        title={t('nav.logs')}
        description={t('webhookLog.description')}
        actions={
          <Badge color={connected ? 'green' : 'gray'} variant="dot" data-testid="live-indicator">
            {connected ? t('webhookLog.live') : t('webhookLog.offline')}
          </Badge>
        }
      />
      <LogsTabs active="webhooks" />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label={t('common.search')}
            placeholder={t('webhookLog.searchHint')}
            value={q}
            w={360}
            onChange={(e) => {
              setQ(normaliseDigits(e.currentTarget.value));
              setPage(1);
            }}
            data-testid="webhook-search"
          />
          <Select
            label={t('webhookLog.processing')}
            placeholder={t('templates.any')}
            clearable
            data={statuses.map((s) => ({ value: s, label: t(`webhookLog.statuses.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            w={160}
          />
        </Group>
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
        <ScrollTable minWidth={900} label={t('logs.webhooks')}>
          <Table striped highlightOnHover data-testid="webhook-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('securityLog.time')}</Table.Th>
                <Table.Th>{t('webhookLog.field')}</Table.Th>
                <Table.Th>{t('templates.account')}</Table.Th>
                <Table.Th>{t('webhookLog.signature')}</Table.Th>
                <Table.Th>{t('webhookLog.processing')}</Table.Th>
                <Table.Th>{t('webhookLog.items')}</Table.Th>
                <Table.Th>{t('webhookLog.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(events.data?.events ?? []).map((e) => (
                <Table.Tr key={e.id} onClick={() => setOpenId(e.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    {/* The row opens the event; the time is the keyboard's way in. */}
                    <UnstyledButton fz="sm" onClick={() => setOpenId(e.id)}>
                      {fmt.dateTime(e.receivedAt)}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>
                    <code dir="ltr">{e.field}</code>
                  </Table.Td>
                  <Table.Td>
                    <Ltr>{e.wabaId ?? e.accountId ?? '—'}</Ltr>
                  </Table.Td>
                  <Table.Td>
                    <Badge color="green" variant="outline">
                      {t(`webhookLog.signatures.${e.signature}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[e.status]} variant="light">
                      {t(`webhookLog.statuses.${e.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{fmt.number(e.itemCount)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} maw={320} dir="auto">
                      {e.error ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {total > PAGE && (
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />
        )}
      </Stack>
      <WebhookEventDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
