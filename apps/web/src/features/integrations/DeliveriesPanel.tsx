import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery, WebhookEndpoint } from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { ScrollTable } from '../../app/ScrollTable';
import { useFormat } from '../../i18n/locale-context';
import { integrationsApi } from './integrations.api';

const statusColor: Record<WebhookDelivery['status'], string> = {
  pending: 'yellow',
  delivered: 'green',
  failed: 'red',
};

/** The newest deliveries of one endpoint with each attempt's answer, and a replay by hand. */
export function DeliveriesPanel({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: ['integrations', 'deliveries', endpoint.id],
    queryFn: () => integrationsApi.deliveries(endpoint.id),
    // Retries run in the background: keep the list current while it is on screen.
    refetchInterval: 2_000,
  });
  const replay = useMutation({
    mutationFn: integrationsApi.replay,
    onSuccess: () => client.invalidateQueries({ queryKey: ['integrations'] }),
    onError: notifyApiError,
  });
  const rows = deliveries.data?.deliveries ?? [];
  return (
    <Stack gap="xs" mt="lg">
      <Title order={2} size="h4">
        {t('outgoingWebhooks.deliveriesOf', { url: endpoint.url })}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('outgoingWebhooks.noDeliveries')}</Text>
      ) : (
        <ScrollTable minWidth={720} label={t('outgoingWebhooks.deliveries')}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outgoingWebhooks.event')}</Table.Th>
                <Table.Th>{t('outgoingWebhooks.status')}</Table.Th>
                <Table.Th>{t('outgoingWebhooks.attempts')}</Table.Th>
                <Table.Th>{t('outgoingWebhooks.created')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr data-testid="delivery-row">
                    <Table.Td>
                      <Code dir="ltr">{d.eventType}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[d.status]} variant="light">
                        {t(`outgoingWebhooks.deliveryStatus.${d.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{fmt.number(d.attempts)}</Table.Td>
                    <Table.Td>{fmt.dateTime(d.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-expanded={open === d.id}
                          onClick={() => setOpen(open === d.id ? null : d.id)}
                        >
                          {t('outgoingWebhooks.showAttempts')}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          loading={replay.isPending && replay.variables === d.id}
                          onClick={() => replay.mutate(d.id)}
                        >
                          {t('outgoingWebhooks.replay')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {open === d.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <AttemptLog delivery={d} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

function AttemptLog({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (delivery.attemptLog.length === 0)
    return <Text size="sm">{t('outgoingWebhooks.noAttempts')}</Text>;
  return (
    <Stack gap={4} data-testid="attempt-log">
      {delivery.attemptLog.map((a) => (
        <Text key={a.id} size="sm">
          {fmt.dateTime(a.at)} —{' '}
          {a.httpStatus === null
            ? t('outgoingWebhooks.noResponse', { error: a.error ?? '' })
            : t('outgoingWebhooks.answered', { status: a.httpStatus, ms: fmt.number(a.latencyMs) })}
          {a.responseExcerpt !== null && a.responseExcerpt !== '' && (
            <Code ms={6} dir="ltr">
              {a.responseExcerpt.slice(0, 120)}
            </Code>
          )}
        </Text>
      ))}
    </Stack>
  );
}
