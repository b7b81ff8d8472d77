import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
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
import { ScrollTable } from '../../app/ScrollTable';

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
  const { t } = useTranslation();
  const fmt = useFormat();
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
        title={t('logs.security')}
        description={t('securityLog.description')}
        actions={
          <Button component="a" href={auditExportUrl(query)} variant="default" download>
            {t('securityLog.export')}
          </Button>
        }
      />
      <LogsTabs active="security" />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label={t('securityLog.action')}
            placeholder={t('securityLog.actionHint')}
            value={action}
            onChange={(e) => {
              setAction(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            label={t('securityLog.actor')}
            placeholder={t('securityLog.actorHint')}
            value={actor}
            onChange={(e) => {
              setActor(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            label={t('account.ip')}
            value={ip}
            onChange={(e) => {
              setIp(normaliseDigits(e.currentTarget.value));
              setPage(1);
            }}
          />
          <Select
            label={t('securityLog.outcome')}
            clearable
            data={(['success', 'failure', 'denied'] as const).map((o) => ({
              value: o,
              label: t(`securityLog.outcomes.${o}`),
            }))}
            value={outcome}
            onChange={(v) => {
              setOutcome(v);
              setPage(1);
            }}
            w={140}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t('securityLog.records', { count: total })}
        </Text>
        <ScrollTable minWidth={900} label={t('logs.security')}>
          <Table striped data-testid="security-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('securityLog.time')}</Table.Th>
                <Table.Th>{t('securityLog.action')}</Table.Th>
                <Table.Th>{t('securityLog.outcome')}</Table.Th>
                <Table.Th>{t('securityLog.actor')}</Table.Th>
                <Table.Th>{t('account.ip')}</Table.Th>
                <Table.Th>{t('account.browser')}</Table.Th>
                <Table.Th>{t('common.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.entries ?? []).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{fmt.dateTime(e.at)}</Table.Td>
                  <Table.Td>
                    <code dir="ltr">{e.action}</code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[e.outcome]} variant="light">
                      {t(`securityLog.outcomes.${e.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{e.actorName ?? e.actorType}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Ltr>{e.ip ?? '—'}</Ltr>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={e.userAgent ?? ''} disabled={e.userAgent === null}>
                      <Text size="sm" lineClamp={1} maw={200} dir="ltr">
                        {e.userAgent ?? '—'}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" dir="ltr">
                      {detailsText(e.details)}
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
    </>
  );
}
