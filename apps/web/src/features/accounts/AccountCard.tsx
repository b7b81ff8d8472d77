import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import type { AccountDto, ConnectionTestResult } from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useAccountActions } from './accounts.api';

const qualityColor: Record<string, string> = {
  GREEN: 'green',
  YELLOW: 'yellow',
  RED: 'red',
  UNKNOWN: 'gray',
};
const when = (iso: string | null): string =>
  iso === null ? 'never' : new Date(iso).toLocaleString();

function Copyable({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" w={130} c="dimmed">
        {label}
      </Text>
      <Code data-testid={`copy-${label.toLowerCase().replace(/\s+/g, '-')}`}>{value}</Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'}>
            <ActionIcon variant="subtle" onClick={copy} aria-label={`Copy ${label}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** One account: connection, numbers and their health, and webhook set-up help. */
export function AccountCard({ account, onEdit }: { account: AccountDto; onEdit: () => void }) {
  const actions = useAccountActions();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const fail = notifyApiError;
  const status = account.connectionStatus;
  const lastError =
    result?.ok === false ? result.message : (account.connectionError?.message ?? null);

  return (
    <Card withBorder padding="lg" data-testid={`account-${account.wabaId}`}>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>{account.name}</Title>
          <Text size="sm" c="dimmed">
            WABA {account.wabaId} · {account.apiVersion}
            {account.wabaName !== null && ` · ${account.wabaName}`}
          </Text>
        </div>
        <Badge
          color={status === 'connected' ? 'green' : status === 'error' ? 'red' : 'gray'}
          data-testid="connection-status"
        >
          {status === 'connected'
            ? 'Connected'
            : status === 'error'
              ? 'Connection problem'
              : 'Not tested'}
        </Badge>
      </Group>
      <Group mb="md">
        <Button
          loading={actions.test.isPending}
          onClick={() => actions.test.mutateAsync(account.id).then(setResult, fail)}
        >
          Test connection
        </Button>
        <Button
          variant="light"
          loading={actions.syncTemplates.isPending}
          onClick={() =>
            actions.syncTemplates.mutateAsync(account.id).then(
              (r) =>
                notifications.show({
                  color: 'green',
                  message: `Synced ${r.total} templates (${r.added} new, ${r.removed} removed).`,
                }),
              fail,
            )
          }
        >
          Sync templates
        </Button>
        <Button variant="default" onClick={onEdit}>
          Edit
        </Button>
        <Button
          variant="subtle"
          color="red"
          onClick={() => {
            if (window.confirm(`Remove ${account.name} with its numbers and templates?`))
              actions.remove.mutate(account.id);
          }}
        >
          Remove
        </Button>
      </Group>
      {result?.ok === true && (
        <Alert color="green" mb="md" data-testid="connection-result">
          {result.message}
        </Alert>
      )}
      {lastError !== null && status === 'error' && (
        <Alert color="red" mb="md" title="Connection problem" data-testid="connection-error">
          {lastError}
        </Alert>
      )}
      {account.restriction !== null && (
        <Alert color="red" mb="md" title="Meta restricted this account">
          {account.restriction}
        </Alert>
      )}

      <Text fw={600} mb={4}>
        {/* Since October 2025 the limit belongs to the business portfolio, shared by its numbers. */}
        Phone numbers · portfolio messaging limit {account.messagingLimit ?? 'unknown'} unique
        customers / 24 h, shared by all numbers
      </Text>
      <Table striped mb="md" data-testid="numbers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Verified name</Table.Th>
            <Table.Th>Quality</Table.Th>
            <Table.Th>Throughput</Table.Th>
            <Table.Th>Name status</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {account.phoneNumbers.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" size="sm">
                  No numbers yet: test the connection to read them.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {account.phoneNumbers.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>{n.displayPhoneNumber}</Table.Td>
              <Table.Td>{n.verifiedName ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={qualityColor[n.qualityRating] ?? 'gray'}>{n.qualityRating}</Badge>
              </Table.Td>
              <Table.Td>{n.throughputLevel ?? '—'}</Table.Td>
              <Table.Td>{n.nameStatus ?? '—'}</Table.Td>
              <Table.Td>{n.status ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Text fw={600} mb={4}>
        Webhook set-up
      </Text>
      <Stack gap={4} mb="xs">
        <Copyable label="Callback URL" value={account.webhook.callbackUrl} />
        <Copyable label="Verify token" value={account.webhook.verifyToken ?? ''} />
        <Text size="sm" c="dimmed">
          Subscribe these fields in your Meta app’s WhatsApp → Configuration:{' '}
          {account.webhook.fields.join(', ')}.
        </Text>
        <Text size="sm" data-testid="webhook-liveness">
          Last webhook received: {when(account.webhook.lastReceivedAt)} · Last signature failure:{' '}
          {when(account.webhook.lastSignatureFailureAt)}
        </Text>
      </Stack>
      <Button
        variant="light"
        size="xs"
        loading={actions.subscribe.isPending}
        onClick={() =>
          actions.subscribe.mutateAsync(account.id).then(
            () =>
              notifications.show({
                color: 'green',
                message: 'The app is subscribed to this account’s webhooks.',
              }),
            fail,
          )
        }
      >
        Subscribe app to this WABA
      </Button>
    </Card>
  );
}
