import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { numberHealthListSchema, type NumberHealth } from '@kiana/contracts';
import { api } from '../../api/client';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { ScrollTable } from '../../app/ScrollTable';
import { useLocale } from '../../i18n/locale-context';
import { REFRESH_MS } from './dashboard.api';

const qualityColor: Record<string, string> = { GREEN: 'green', YELLOW: 'yellow', RED: 'red' };
const kinds = ['quality', 'messaging_limit', 'throughput', 'status', 'account'] as const;

function Limit({ n }: { n: NumberHealth }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const l = n.messagingLimit;
  if (l.limit === null) return <Text size="sm">{t('dashboard.numbers.unlimited')}</Text>;
  return (
    <Text size="sm" data-testid="limit-left">
      {t('dashboard.numbers.limitLeft', {
        remaining: fmt.number(l.remaining ?? 0),
        limit: fmt.number(l.limit),
      })}
    </Text>
  );
}

function History({ n }: { n: NumberHealth }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  if (n.history.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('dashboard.numbers.noChanges')}
      </Text>
    );
  return (
    <Stack gap={2}>
      {n.history.map((h, i) => (
        <Text size="sm" key={i} c={h.severity === 'info' ? undefined : 'orange.9'}>
          {t(`dashboard.numbers.kind.${kinds.find((k) => k === h.kind) ?? 'account'}`)}:{' '}
          <Ltr>{`${h.previousValue ?? '—'} → ${h.newValue ?? '—'}`}</Ltr> · {fmt.dateTime(h.at)}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * The sending numbers now: quality, the rate the dispatcher paces each to, the portfolio's
 * messaging limit left in the rolling 24 h, and what changed in the chosen period.
 */
export function NumbersPanel({ since }: { since: number }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const numbers = useQuery({
    queryKey: ['number-health', since],
    queryFn: () => api.get('/campaigns/number-health', numberHealthListSchema, { since }),
    placeholderData: (previous) => previous,
    refetchInterval: REFRESH_MS,
  });
  return (
    <Card withBorder data-testid="number-health">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.numbers.title')}
      </Title>
      <ApiErrorAlert error={numbers.error} />
      {numbers.data?.numbers.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dashboard.numbers.none')}
        </Text>
      )}
      {(numbers.data?.numbers.length ?? 0) > 0 && (
        <ScrollTable minWidth={640} label={t('dashboard.numbers.title')}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('whatsapp.number')}</Table.Th>
                <Table.Th>{t('whatsapp.quality')}</Table.Th>
                <Table.Th>{t('whatsapp.throughput')}</Table.Th>
                <Table.Th>{t('dashboard.numbers.limit')}</Table.Th>
                <Table.Th>{t('dashboard.numbers.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {numbers.data?.numbers.map((n) => (
                <Table.Tr key={n.phoneNumberId} data-testid="number-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      <Ltr>{n.displayPhoneNumber}</Ltr>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {n.verifiedName ?? n.accountName}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={100}>
                    <Badge color={qualityColor[n.qualityRating ?? ''] ?? 'gray'} variant="light">
                      <Ltr>{n.qualityRating ?? '—'}</Ltr>
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {t('dashboard.numbers.perSecond', { n: fmt.number(n.messagesPerSecond) })}
                  </Table.Td>
                  <Table.Td>
                    <Limit n={n} />
                  </Table.Td>
                  <Table.Td>
                    <History n={n} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}
