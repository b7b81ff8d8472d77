import { wabaLabel } from '../../app/literals';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../i18n/locale-context';
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
function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" w={130} c="dimmed">
        {label}
      </Text>
      <Code data-testid={`copy-${testId}`} dir="ltr">
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <ActionIcon
              variant="subtle"
              onClick={copy}
              aria-label={t('whatsapp.copyLabel', { label })}
            >
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
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = (iso: string | null): string =>
    iso === null ? t('common.never') : fmt.dateTime(iso);
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
            <Ltr>
              {wabaLabel} {account.wabaId} · {account.apiVersion}
            </Ltr>
            {account.wabaName !== null && (
              <>
                {' · '}
                <bdi>{account.wabaName}</bdi>
              </>
            )}
          </Text>
        </div>
        <Badge
          color={status === 'connected' ? 'green' : status === 'error' ? 'red' : 'gray'}
          data-testid="connection-status"
        >
          {status === 'connected'
            ? t('whatsapp.connected')
            : status === 'error'
              ? t('whatsapp.connectionProblem')
              : t('whatsapp.notTested')}
        </Badge>
      </Group>
      <Group mb="md">
        <Button
          loading={actions.test.isPending}
          onClick={() => actions.test.mutateAsync(account.id).then(setResult, fail)}
        >
          {t('whatsapp.testConnection')}
        </Button>
        <Button
          variant="light"
          loading={actions.syncTemplates.isPending}
          onClick={() =>
            actions.syncTemplates.mutateAsync(account.id).then(
              (r) =>
                notifications.show({
                  color: 'green',
                  message: t('whatsapp.synced', {
                    count: r.total,
                    added: fmt.number(r.added),
                    removed: fmt.number(r.removed),
                  }),
                }),
              fail,
            )
          }
        >
          {t('whatsapp.syncTemplates')}
        </Button>
        <Button variant="default" onClick={onEdit}>
          {t('common.edit')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          onClick={() => {
            if (window.confirm(t('whatsapp.confirmRemove', { name: account.name })))
              actions.remove.mutate(account.id);
          }}
        >
          {t('common.remove')}
        </Button>
      </Group>
      {result?.ok === true && (
        <Alert color="green" mb="md" data-testid="connection-result">
          {result.message}
        </Alert>
      )}
      {lastError !== null && status === 'error' && (
        <Alert
          color="red"
          mb="md"
          title={t('whatsapp.connectionProblem')}
          data-testid="connection-error"
        >
          {lastError}
        </Alert>
      )}
      {account.restriction !== null && (
        <Alert color="red" mb="md" title={t('whatsapp.restricted')}>
          {account.restriction}
        </Alert>
      )}

      <Text fw={600} mb={4}>
        {/* Since October 2025 the limit belongs to the business portfolio, shared by its numbers. */}
        {t('whatsapp.numbersHeading', {
          limit: account.messagingLimit === null ? t('common.unknown') : account.messagingLimit,
        })}
      </Text>
      <Table striped mb="md" data-testid="numbers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('whatsapp.number')}</Table.Th>
            <Table.Th>{t('whatsapp.verifiedName')}</Table.Th>
            <Table.Th>{t('whatsapp.quality')}</Table.Th>
            <Table.Th>{t('whatsapp.throughput')}</Table.Th>
            <Table.Th>{t('whatsapp.nameStatus')}</Table.Th>
            <Table.Th>{t('apiKeys.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {account.phoneNumbers.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" size="sm">
                  {t('whatsapp.noNumbers')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {account.phoneNumbers.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>
                <Ltr>{n.displayPhoneNumber}</Ltr>
              </Table.Td>
              <Table.Td>
                <bdi>{n.verifiedName ?? '—'}</bdi>
              </Table.Td>
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
        {t('whatsapp.webhookSetup')}
      </Text>
      <Stack gap={4} mb="xs">
        <Copyable
          label={t('whatsapp.callbackUrl')}
          testId="callback-url"
          value={account.webhook.callbackUrl}
        />
        <Copyable
          label={t('whatsapp.verifyToken')}
          testId="verify-token"
          value={account.webhook.verifyToken ?? ''}
        />
        <Text size="sm" c="dimmed">
          {t('whatsapp.subscribeFields')} <Ltr>{account.webhook.fields.join(', ')}</Ltr>
        </Text>
        <Text size="sm" data-testid="webhook-liveness">
          {t('whatsapp.liveness', {
            received: when(account.webhook.lastReceivedAt),
            failure: when(account.webhook.lastSignatureFailureAt),
          })}
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
                message: t('whatsapp.subscribed'),
              }),
            fail,
          )
        }
      >
        {t('whatsapp.subscribe')}
      </Button>
    </Card>
  );
}
