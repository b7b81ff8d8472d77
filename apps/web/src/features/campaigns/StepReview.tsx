import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { skipReasons, type CampaignPreflight, type SkipReason } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { useLocale } from '../../i18n/locale-context';
import { usePreflight, useTestSend } from './campaigns.api';
import { formatDuration, fromMicros } from './campaigns.format';
import { parseNumbers } from './wizard-state';

/** A test send refused by the audience rules names the rule (a skip reason). */
const isReason = (e: string | null): e is SkipReason =>
  (skipReasons as readonly (string | null)[]).includes(e);

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function CostTable({ cost }: { cost: CampaignPreflight['cost'] }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const money = (micros: number, currency: string | null) =>
    currency === null ? fmt.number(fromMicros(micros)) : fmt.currency(fromMicros(micros), currency);
  return (
    <Table withTableBorder data-testid="preflight-cost">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('campaigns.review.category')}</Table.Th>
          <Table.Th>{t('campaigns.review.country')}</Table.Th>
          <Table.Th>{t('campaigns.review.recipients')}</Table.Th>
          <Table.Th>{t('campaigns.review.free')}</Table.Th>
          <Table.Th>{t('campaigns.review.price')}</Table.Th>
          <Table.Th>{t('campaigns.review.total')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cost.lines.map((l) => (
          <Table.Tr key={`${l.category}-${l.countryCode}`}>
            <Table.Td>{t(`campaigns.pricing.${l.category}`)}</Table.Td>
            <Table.Td>
              <Ltr>{l.countryCode}</Ltr>
            </Table.Td>
            <Table.Td>{fmt.number(l.recipients)}</Table.Td>
            <Table.Td>{fmt.number(l.free)}</Table.Td>
            <Table.Td>{money(l.priceMicros, l.currency)}</Table.Td>
            <Table.Td>{money(l.totalMicros, l.currency)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td colSpan={5} fw={700}>
            {t('campaigns.review.estimatedCost')}
          </Table.Td>
          <Table.Td fw={700} data-testid="preflight-cost-total">
            {money(cost.totalMicros, cost.currency)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function TestSend({ id }: { id: string }) {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState('');
  const send = useTestSend(id);
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('campaigns.review.testSend')}
      </Title>
      <Group align="flex-end">
        <TextInput
          label={t('campaigns.review.testNumbers')}
          description={t('campaigns.review.testNumbersHint')}
          dir="ltr"
          value={numbers}
          onChange={(e) => setNumbers(e.currentTarget.value)}
          w={320}
          data-testid="test-send-numbers"
        />
        <Button
          variant="default"
          loading={send.isPending}
          disabled={parseNumbers(numbers).length === 0 || parseNumbers(numbers).length > 5}
          onClick={() => send.mutate(parseNumbers(numbers), { onError: notifyApiError })}
          data-testid="test-send"
        >
          {t('campaigns.review.sendTest')}
        </Button>
      </Group>
      {send.data !== undefined && (
        <List size="sm" mt="xs" data-testid="test-send-results">
          {send.data.results.map((r) => (
            <List.Item key={r.number}>
              <Ltr>{r.phoneE164 ?? r.number}</Ltr>:{' '}
              {r.ok
                ? t('campaigns.review.testOk')
                : isReason(r.error)
                  ? t(`campaigns.reasons.${r.error}`)
                  : (r.error ?? '')}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

/**
 * Step 5, the pre-flight: who is sent to and who is left out (and why), the messaging limit,
 * duration, cost, quality, and what blocks the launch.
 */
export function StepReview({
  id,
  onLaunch,
  launching,
  canLaunch: mayLaunch,
}: {
  id: string | undefined;
  onLaunch: () => void;
  launching: boolean;
  canLaunch: boolean;
}) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const pf = usePreflight(id, true);
  if (pf.error !== null) return <ApiErrorAlert error={pf.error} />;
  const p = pf.data;
  if (p === undefined) return <Text c="dimmed">{t('common.loading')}</Text>;
  const limit = p.messagingLimit;
  const reasonBlocked = p.problems[0]?.message;
  return (
    <Stack data-testid="preflight">
      {p.problems.length > 0 && (
        <Alert
          color="red"
          title={t('campaigns.review.blocking')}
          role="alert"
          data-testid="preflight-problems"
        >
          <List size="sm">
            {p.problems.map((problem) => (
              <List.Item key={problem.code}>
                {t(`campaigns.problems.${problem.code}`)} — {problem.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Fact label={t('campaigns.review.candidates')} value={fmt.number(p.candidates)} />
        <Fact
          label={t('campaigns.review.recipients')}
          value={fmt.number(p.recipients)}
          testId="preflight-recipients"
        />
        <Fact
          label={t('campaigns.review.limit')}
          value={
            limit.limit === null
              ? t('campaigns.review.unlimited')
              : t('campaigns.review.limitLeft', {
                  remaining: fmt.number(limit.remaining ?? 0),
                  limit: fmt.number(limit.limit),
                })
          }
        />
        <Fact
          label={t('campaigns.review.duration')}
          value={t('campaigns.review.durationAt', {
            duration: formatDuration(p.throughput.estimatedSeconds),
            rate: fmt.number(p.throughput.messagesPerSecond),
          })}
        />
      </SimpleGrid>
      {limit.deferredByLimit > 0 && (
        <Alert color="yellow">
          {t('campaigns.review.deferredByLimit', { count: limit.deferredByLimit })}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={5} mb="xs">
          {t('campaigns.review.skipped')}
        </Title>
        <Group gap="xs" data-testid="preflight-skipped">
          {skipReasons
            .filter((r) => (p.skipped[r] ?? 0) > 0)
            .map((r) => (
              <Badge key={r} variant="light" color="gray">
                {t(`campaigns.reasons.${r}`)}: {fmt.number(p.skipped[r] ?? 0)}
              </Badge>
            ))}
          {skipReasons.every((r) => (p.skipped[r] ?? 0) === 0) && (
            <Text size="sm" c="dimmed">
              {t('campaigns.review.noneSkipped')}
            </Text>
          )}
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="sm">
          <Title order={5}>{t('campaigns.template')}</Title>
          <Text size="sm">
            {t('campaigns.review.status')}: {p.template.status ?? '—'} ·{' '}
            {t('campaigns.review.quality')}: {p.template.quality ?? '—'}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Title order={5}>{t('campaigns.number')}</Title>
          <Text size="sm">
            {t('campaigns.review.status')}: {p.number.status ?? '—'} ·{' '}
            {t('campaigns.review.quality')}: {p.number.quality ?? '—'}
          </Text>
        </Paper>
      </SimpleGrid>
      <CostTable cost={p.cost} />
      {id !== undefined && <TestSend id={id} />}
      <Group>
        <Button
          size="md"
          onClick={onLaunch}
          loading={launching}
          disabled={!p.canLaunch || !mayLaunch}
          data-testid="launch"
        >
          {t('campaigns.launch')}
        </Button>
        {!p.canLaunch && (
          <Text c="red" size="sm" data-testid="launch-blocked">
            {t('campaigns.review.cannotLaunch', { reason: reasonBlocked ?? '' })}
          </Text>
        )}
        {p.canLaunch && !mayLaunch && (
          <Text c="dimmed" size="sm">
            {t('campaigns.review.noLaunchPermission')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
