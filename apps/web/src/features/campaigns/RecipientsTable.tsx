import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  deferReasons,
  recipientStatuses,
  skipReasons,
  type CampaignRecipient,
  type CampaignStatus,
  type RecipientListQuery,
} from '@kiana/contracts';
import { FailureReason } from '../../app/FailureReason';
import { Ltr } from '../../app/Ltr';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { DataTable, FilterBar, TablePager, type DataColumn } from '../../app/data-table';
import { useLocale } from '../../i18n/locale-context';
import { fetchAllRecipients, useRecipients } from './campaigns.api';
import { recipientColor, toCsv } from './campaigns.format';

const PAGE = 50;
const reasons = [...skipReasons, ...deferReasons];

/** A failed recipient's reason: Meta's code and title, what it means and what to do. */
function FailureDetails({ r, onClose }: { r: CampaignRecipient | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={r !== null}
      onClose={onClose}
      title={t('campaigns.failure.title')}
    >
      {r !== null && (
        <Stack gap="xs" data-testid="failure-details">
          <Text>
            <Ltr>{r.phoneE164}</Ltr>
          </Text>
          <Text size="sm">
            <b>{t('campaigns.failure.code')}:</b>{' '}
            <span data-testid="failure-code">{r.errorCode ?? '—'}</span>
          </Text>
          <Text size="sm">
            <b>{t('campaigns.failure.metaTitle')}:</b> <Ltr>{r.errorTitle ?? '—'}</Ltr>
          </Text>
          {r.errorDetail !== null && (
            <Text size="sm">
              <Ltr>{r.errorDetail}</Ltr>
            </Text>
          )}
          {r.failedAt !== null && <Text size="sm">{fmt.dateTime(r.failedAt)}</Text>}
          {/* The explanation and the advice in the user's language, from the catalogue. */}
          {r.errorCode !== null && <FailureReason code={r.errorCode} />}
        </Stack>
      )}
    </Modal>
  );
}

/** The campaign's recipients: filter by status, reason and error code, search, export CSV. */
export function RecipientsTable({
  campaignId,
  campaignStatus,
}: {
  campaignId: string;
  campaignStatus: CampaignStatus;
}) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const [status, setStatus] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<number | ''>('');
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CampaignRecipient | null>(null);
  const [exporting, setExporting] = useState(false);
  const query: Partial<RecipientListQuery> = {
    status: recipientStatuses.find((s) => s === status),
    reason: reasons.find((s) => s === reason),
    errorCode: errorCode === '' ? undefined : errorCode,
    q: search || undefined,
  };
  const list = useRecipients(campaignId, { ...query, page, pageSize: PAGE }, campaignStatus);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows = await fetchAllRecipients(campaignId, query);
      const csv = toCsv([
        [
          'phone',
          'name',
          'status',
          'reason',
          'errorCode',
          'errorTitle',
          'sentAt',
          'deliveredAt',
          'readAt',
          'failedAt',
        ],
        ...rows.map((r) => [
          r.phoneE164,
          r.contactName,
          r.status,
          r.reason,
          r.errorCode,
          r.errorTitle,
          r.sentAt === null ? null : new Date(r.sentAt).toISOString(),
          r.deliveredAt === null ? null : new Date(r.deliveredAt).toISOString(),
          r.readAt === null ? null : new Date(r.readAt).toISOString(),
          r.failedAt === null ? null : new Date(r.failedAt).toISOString(),
        ]),
      ]);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `campaign-${campaignId}-recipients.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      notifyApiError(e);
    } finally {
      setExporting(false);
    }
  };
  const columns: DataColumn<CampaignRecipient>[] = [
    { id: 'phone', header: t('contacts.phone'), cell: (r) => <Ltr>{r.phoneE164}</Ltr> },
    { id: 'name', header: t('contacts.name'), cell: (r) => <bdi>{r.contactName ?? '—'}</bdi> },
    {
      id: 'status',
      header: t('campaigns.statusLabel'),
      cell: (r) => (
        <Badge color={recipientColor[r.status]} variant="light">
          {t(`campaigns.recipientStatus.${r.status}`)}
        </Badge>
      ),
    },
    {
      id: 'reason',
      header: t('campaigns.reason'),
      cell: (r) =>
        r.status === 'failed' ? (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setOpen(r)}
            data-testid="open-failure"
          >
            {r.errorCode ?? ''} {r.errorTitle ?? t('campaigns.failure.title')}
          </Button>
        ) : r.reason === null ? (
          '—'
        ) : (
          `${t(`campaigns.reasons.${r.reason}`)}${r.dueAt !== null && r.status === 'deferred' ? ` · ${fmt.dateTime(r.dueAt)}` : ''}`
        ),
    },
    {
      id: 'updated',
      header: t('contacts.updated'),
      cell: (r) => fmt.dateTime(r.updatedAt),
    },
  ];
  return (
    <Stack>
      <FilterBar
        isFiltered={status !== null || reason !== null || errorCode !== '' || q !== ''}
        onClear={() => {
          setStatus(null);
          setReason(null);
          setErrorCode('');
          setQ('');
          setPage(1);
        }}
        end={
          <Button
            variant="default"
            onClick={() => void exportCsv()}
            loading={exporting}
            data-testid="export-csv"
          >
            {t('campaigns.exportCsv')}
          </Button>
        }
      >
        <TextInput
          label={t('common.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={200}
          data-testid="recipients-search"
        />
        <Select
          label={t('campaigns.statusLabel')}
          placeholder={t('templates.any')}
          clearable
          data={recipientStatuses.map((s) => ({
            value: s,
            label: t(`campaigns.recipientStatus.${s}`),
          }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          w={170}
          data-testid="recipients-status"
        />
        <Select
          label={t('campaigns.reason')}
          placeholder={t('templates.any')}
          clearable
          data={reasons.map((r) => ({ value: r, label: t(`campaigns.reasons.${r}`) }))}
          value={reason}
          onChange={(v) => {
            setReason(v);
            setPage(1);
          }}
          w={200}
        />
        <NumberInput
          label={t('campaigns.errorCode')}
          value={errorCode}
          onChange={(v) => {
            setErrorCode(typeof v === 'number' ? v : '');
            setPage(1);
          }}
          hideControls
          w={130}
        />
      </FilterBar>
      <Group>
        <Text size="sm" c="dimmed">
          {t('campaigns.recipientCount', { count: list.data?.total ?? 0 })}
        </Text>
      </Group>
      <DataTable
        label={t('campaigns.recipients')}
        testId="recipients-table"
        rowTestId="recipient-row"
        columns={columns}
        rows={list.data?.recipients}
        rowKey={(r) => String(r.id)}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={() => void list.refetch()}
        empty={t('campaigns.noRecipients')}
      />
      <TablePager total={list.data?.total ?? 0} pageSize={PAGE} page={page} onChange={setPage} />
      <FailureDetails r={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
