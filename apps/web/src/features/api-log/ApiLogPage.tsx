import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { PageHeader } from '../../app/PageHeader';
import { LogsTabs } from '../../app/LogsTabs';
import { useAccounts } from '../accounts/accounts.api';
import { useGraphApiCalls } from './api-log.api';
import { classColor, localTime, statusLabel } from './api-log.format';
import { ScrollTable } from '../../app/ScrollTable';

const PAGE = 50;

/** Logs → Graph API: every call the panel made to Meta, with status, Meta error and timing. */
export function ApiLogPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Cursors of the pages before the current one; the last entry is the current page's cursor.
  const [cursors, setCursors] = useState<string[]>([]);
  const [search] = useDebouncedValue(q, 300);
  const [code] = useDebouncedValue(errorCode, 300);
  const accounts = useAccounts();
  const reset = () => setCursors([]);
  const calls = useGraphApiCalls({
    q: search || undefined,
    status: (status ?? undefined) as 'ok' | 'error' | undefined,
    accountId: accountId ?? undefined,
    errorCode: /^\d+$/.test(code) ? Number(code) : undefined,
    from: localTime(from),
    to: localTime(to),
    limit: PAGE,
    cursor: cursors.at(-1),
  });
  const names = new Map((accounts.data ?? []).map((a) => [a.id, a.name]));
  const rows = calls.data?.calls ?? [];
  const dropped = calls.data?.dropped ?? 0;
  return (
    <>
      <PageHeader title={t('nav.logs')} description={t('apiLog.description')} />
      <LogsTabs active="graph-api" />
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('apiLog.path')}
            placeholder={t('apiLog.pathHint')}
            value={q}
            w={260}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              reset();
            }}
            data-testid="api-log-search"
          />
          <Select
            label={t('privacy.retention.result')}
            clearable
            data={[
              { value: 'ok', label: t('apiLog.succeeded') },
              { value: 'error', label: t('apiLog.failed') },
            ]}
            value={status}
            onChange={(v) => {
              setStatus(v);
              reset();
            }}
            w={140}
          />
          <Select
            label={t('templates.account')}
            clearable
            data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={accountId}
            onChange={(v) => {
              setAccountId(v);
              reset();
            }}
            w={200}
          />
          <TextInput
            label={t('apiLog.errorCode')}
            placeholder={t('apiLog.errorCodeHint')}
            value={errorCode}
            w={140}
            inputMode="numeric"
            onChange={(e) => {
              setErrorCode(normaliseDigits(e.currentTarget.value).trim());
              reset();
            }}
          />
          <TextInput
            label={t('apiLog.from')}
            type="datetime-local"
            value={from}
            onChange={(e) => {
              setFrom(e.currentTarget.value);
              reset();
            }}
          />
          <TextInput
            label={t('apiLog.to')}
            type="datetime-local"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              reset();
            }}
          />
        </Group>
        {dropped > 0 && (
          <Text size="sm" c="orange" data-testid="api-log-dropped">
            {t('apiLog.dropped', { count: dropped })}
          </Text>
        )}
        <ScrollTable minWidth={900} label={t('logs.graphApi')}>
          <Table striped highlightOnHover data-testid="api-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('securityLog.time')}</Table.Th>
                <Table.Th>{t('apiLog.call')}</Table.Th>
                <Table.Th>{t('templates.account')}</Table.Th>
                <Table.Th>{t('apiKeys.status')}</Table.Th>
                <Table.Th>{t('apiLog.duration')}</Table.Th>
                <Table.Th>{t('apiLog.fbtrace')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-testid="api-log-row">
                  <Table.Td>{fmt.dateTime(c.at)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" dir="ltr">
                      <Badge variant="outline" color="gray" size="sm">
                        {c.method}
                      </Badge>
                      <code>{c.path}</code>
                      {c.note !== null && (
                        <Badge variant="light" color="blue" size="sm">
                          {c.note}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <bdi>
                      {c.accountId === null ? '—' : (names.get(c.accountId) ?? c.accountId)}
                    </bdi>
                    {c.phoneNumberId !== null && (
                      <Text size="xs" c="dimmed" dir="ltr">
                        {c.phoneNumberId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge color={classColor(c.classification)} variant="light">
                        <Ltr>{statusLabel(c, t('apiLog.noAnswer'))}</Ltr>
                      </Badge>
                      {c.classification !== null && (
                        <Text size="xs" c="dimmed" dir="ltr">
                          {c.classification}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t('apiLog.ms', { value: fmt.number(c.durationMs) })}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" dir="ltr">
                      {c.fbtraceId ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {rows.length === 0 && !calls.isLoading && (
          <Text c="dimmed" size="sm">
            {t('apiLog.none')}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('apiLog.newer')}
          </Button>
          <Button
            variant="default"
            disabled={calls.data?.nextCursor == null}
            onClick={() => {
              const next = calls.data?.nextCursor;
              if (next != null) setCursors((c) => [...c, next]);
            }}
          >
            {t('apiLog.older')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
