import { useState } from 'react';
import {
  Badge,
  Button,
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
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditQuery } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import { auditExportUrl, authApi } from '../auth/auth.api';

const PAGE = 50;
const outcomeColor: Record<AuditEntry['outcome'], string> = {
  success: 'green',
  failure: 'red',
  denied: 'orange',
};

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** The security log: every sign-in, change and denial, filterable and exportable as CSV. */
export function SecurityLogPage() {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [ip, setIp] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [filters] = useDebouncedValue({ action, actor, ip, outcome }, 300);
  const query: Partial<AuditQuery> = {
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    ip: filters.ip || undefined,
    outcome: (filters.outcome ?? undefined) as AuditQuery['outcome'],
  };
  const log = useQuery({
    queryKey: ['audit', query, page],
    queryFn: () => authApi.audit({ ...query, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  const total = log.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title="Security log"
        description="Sign-ins, changes and refusals, with who, from where and when. Records cannot be edited or deleted."
        actions={
          <Button component="a" href={auditExportUrl(query)} variant="default" download>
            Export CSV
          </Button>
        }
      />
      <LogsTabs active="security" />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label="Action"
            placeholder="e.g. auth.login"
            value={action}
            onChange={(e) => {
              setAction(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            label="Actor"
            placeholder="username or key"
            value={actor}
            onChange={(e) => {
              setActor(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            label="IP address"
            value={ip}
            onChange={(e) => {
              setIp(e.currentTarget.value);
              setPage(1);
            }}
          />
          <Select
            label="Outcome"
            clearable
            data={['success', 'failure', 'denied']}
            value={outcome}
            onChange={(v) => {
              setOutcome(v);
              setPage(1);
            }}
            w={140}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {total} record{total === 1 ? '' : 's'}
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="security-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Browser</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.entries ?? []).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <code>{e.action}</code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[e.outcome]} variant="light">
                      {e.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.actorName ?? e.actorType}</Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <Tooltip label={e.userAgent ?? ''} disabled={e.userAgent === null}>
                      <Text size="sm" lineClamp={1} maw={200}>
                        {e.userAgent ?? '—'}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{detailsText(e.details)}</Text>
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
    </>
  );
}
