import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpoint } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { ScrollTable } from '../../app/ScrollTable';
import { useFormat } from '../../i18n/locale-context';
import { DeliveriesPanel } from './DeliveriesPanel';
import { EndpointModal } from './EndpointModal';
import { integrationsApi } from './integrations.api';

const stateColor: Record<WebhookEndpoint['state'], string> = {
  enabled: 'green',
  disabled: 'gray',
  auto_disabled: 'red',
};

/** Settings → Webhooks: outgoing endpoints, their deliveries, and what they may reach. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [editing, setEditing] = useState<WebhookEndpoint | null | undefined>(undefined);
  const [selected, setSelected] = useState<string | null>(null);
  const endpoints = useQuery({
    queryKey: ['integrations', 'endpoints'],
    queryFn: integrationsApi.endpoints,
    refetchInterval: 5_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['integrations'] });
  const toggle = useMutation({
    mutationFn: (e: WebhookEndpoint) =>
      integrationsApi.update(e.id, { enabled: e.state !== 'enabled' }),
    onSuccess: refresh,
    onError: notifyApiError,
  });
  const ping = useMutation({
    mutationFn: (e: WebhookEndpoint) => integrationsApi.ping(e.id),
    onSuccess: async (_r, e) => {
      setSelected(e.id);
      notifications.show({
        message: t('outgoingWebhooks.pingSent'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await refresh();
    },
    onError: notifyApiError,
  });
  const list = endpoints.data?.endpoints ?? [];
  const failing = list.filter((e) => e.state === 'auto_disabled' || e.failingSince !== null);
  const chosen = list.find((e) => e.id === selected);
  return (
    <>
      <PageHeader
        title={t('settings.sections.outgoingWebhooks.title')}
        description={t('outgoingWebhooks.description')}
        actions={
          <Button onClick={() => setEditing(null)}>{t('outgoingWebhooks.newEndpoint')}</Button>
        }
      />
      {editing !== undefined && (
        <EndpointModal
          key={editing?.id ?? 'new'}
          endpoint={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
      <Stack>
        <ApiErrorAlert error={endpoints.error} />
        {failing.map((e) => (
          <Alert key={e.id} color="red" role="alert" title={t('outgoingWebhooks.failingTitle')}>
            {e.state === 'auto_disabled'
              ? t('outgoingWebhooks.autoDisabledAlert', { url: e.url })
              : t('outgoingWebhooks.failingAlert', {
                  url: e.url,
                  since: fmt.dateTime(e.failingSince ?? Date.now()),
                })}
          </Alert>
        ))}
        {list.length === 0 && !endpoints.isPending ? (
          <Text c="dimmed">{t('outgoingWebhooks.empty')}</Text>
        ) : (
          <ScrollTable minWidth={900} label={t('outgoingWebhooks.endpoints')}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outgoingWebhooks.url')}</Table.Th>
                  <Table.Th>{t('outgoingWebhooks.events')}</Table.Th>
                  <Table.Th>{t('outgoingWebhooks.state')}</Table.Th>
                  <Table.Th>{t('outgoingWebhooks.lastDelivery')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((e) => (
                  <Table.Tr key={e.id} data-testid="endpoint-row">
                    <Table.Td>
                      <Code dir="ltr">{e.url}</Code>
                      {e.description !== null && (
                        <Text size="xs" c="dimmed">
                          <bdi>{e.description}</bdi>
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {t('outgoingWebhooks.secretHint', { hint: e.secret.hint ?? '…' })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {e.events.map((ev) => (
                          <Badge key={ev} variant="light" title={ev}>
                            {t(`outgoingWebhooks.eventNames.${ev}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={stateColor[e.state]} style={{ overflow: 'visible' }}>
                        {t(`outgoingWebhooks.states.${e.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {e.lastDeliveryAt === null
                        ? t('common.never')
                        : fmt.dateTime(e.lastDeliveryAt)}
                      {e.lastDeliveryStatus !== null && (
                        <Code ms={6} dir="ltr">
                          {e.lastDeliveryStatus}
                        </Code>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(e)}>
                          {t('common.edit')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => toggle.mutate(e)}>
                          {e.state === 'enabled'
                            ? t('outgoingWebhooks.disable')
                            : t('outgoingWebhooks.enable')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          disabled={e.state !== 'enabled'}
                          onClick={() => ping.mutate(e)}
                        >
                          {t('outgoingWebhooks.ping')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          aria-pressed={selected === e.id}
                          onClick={() => setSelected(e.id)}
                        >
                          {t('outgoingWebhooks.deliveries')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {chosen !== undefined && <DeliveriesPanel endpoint={chosen} />}
        <SettingsCard />
      </Stack>
    </>
  );
}

/** The SSRF allow-list and the auto-disable delay. */
function SettingsCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['integrations', 'settings'],
    queryFn: integrationsApi.settings,
  });
  const [allowed, setAllowed] = useState('');
  const [hours, setHours] = useState<number>(24);
  useEffect(() => {
    if (settings.data === undefined) return;
    setAllowed(settings.data.allowedPrivateAddresses.join(', '));
    setHours(settings.data.disableAfterHours);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      integrationsApi.saveSettings({
        allowedPrivateAddresses: allowed
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        disableAfterHours: hours,
      }),
    onSuccess: async () => {
      notifications.show({
        message: t('outgoingWebhooks.settingsSaved'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: ['integrations', 'settings'] });
    },
  });
  return (
    <Card withBorder mt="lg">
      <Stack>
        <Title order={2} size="h4">
          {t('outgoingWebhooks.settingsTitle')}
        </Title>
        <ApiErrorAlert error={save.error} />
        <TextInput
          label={t('outgoingWebhooks.allowedPrivate')}
          description={t('outgoingWebhooks.allowedPrivateHint')}
          dir="ltr"
          value={allowed}
          onChange={(e) => setAllowed(e.currentTarget.value)}
        />
        <NumberInput
          label={t('outgoingWebhooks.disableAfterHours')}
          min={1}
          max={168}
          value={hours}
          onChange={(v) => setHours(typeof v === 'number' ? v : Number(v) || 24)}
        />
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
