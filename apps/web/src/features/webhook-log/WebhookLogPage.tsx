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

const PAGE = 50;
const statuses: WebhookEventStatus[] = ['processed', 'pending', 'flagged', 'failed'];

/** Logs → Webhooks: every delivery Meta made, live, searchable, with its raw body and replay. */
export function WebhookLogPage() {
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
        title="Logs"
        description="Every webhook Meta delivered, stored before it was acknowledged, with what processing made of it."
        actions={
          <Badge color={connected ? 'green' : 'gray'} variant="dot" data-testid="live-indicator">
            {connected ? 'Live' : 'Offline'}
          </Badge>
        }
      />
      <LogsTabs active="webhooks" />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label="Search"
            placeholder="Message id (wamid…) or phone number"
            value={q}
            w={360}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            data-testid="webhook-search"
          />
          <Select
            label="Processing"
            placeholder="Any"
            clearable
            data={statuses}
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
            {total} event{total === 1 ? '' : 's'}
          </Text>
          <Tooltip label="Deliveries refused for a missing or wrong X-Hub-Signature-256 since the server started; they are not stored (see the security log).">
            <Text
              size="sm"
              c={signatureFailures > 0 ? 'red' : 'dimmed'}
              data-testid="signature-failures"
            >
              {signatureFailures} refused signature{signatureFailures === 1 ? '' : 's'}
            </Text>
          </Tooltip>
        </Group>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="webhook-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Signature</Table.Th>
                <Table.Th>Processing</Table.Th>
                <Table.Th>Items</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(events.data?.events ?? []).map((e) => (
                <Table.Tr key={e.id} onClick={() => setOpenId(e.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>{new Date(e.receivedAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <code>{e.field}</code>
                  </Table.Td>
                  <Table.Td>{e.wabaId ?? e.accountId ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color="green" variant="outline">
                      {e.signature}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[e.status]} variant="light">
                      {e.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.itemCount}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} maw={320}>
                      {e.error ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {total > PAGE && (
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />
        )}
      </Stack>
      <WebhookEventDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
