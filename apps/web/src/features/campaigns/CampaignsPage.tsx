import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { campaignStatuses, type CampaignSummary } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { Ltr } from '../../app/Ltr';
import {
  DataTable,
  FilterBar,
  LiveBadge,
  TablePager,
  useLiveRefresh,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { useLocale } from '../../i18n/locale-context';
import { useCan } from '../auth/session';
import { useCampaigns } from './campaigns.api';
import { progressOf } from './campaigns.format';
import { CampaignStatusBadge } from './CampaignStatusBadge';

const PAGE = 50;
const spec: TableStateSpec = { filters: ['q', 'status'], sortable: [], defaultSort: null };

/** Campaigns: every broadcast with its state and progress; drafts open in the wizard. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const navigate = useNavigate();
  const table = useTableState(spec);
  const f = table.filters;
  const [search] = useDebouncedValue(f.q ?? '', 300);
  const canWrite = useCan('campaigns.write');
  const campaigns = useCampaigns({
    q: search || undefined,
    status: campaignStatuses.find((s) => s === f.status),
    page: table.page,
    pageSize: PAGE,
  });
  const { connected } = useLiveRefresh(['campaigns.changed', 'campaigns.progress'], ['campaigns']);
  const open = (c: CampaignSummary) =>
    c.status === 'draft' ? `/campaigns/${c.id}/edit` : `/campaigns/${c.id}`;
  const columns: DataColumn<CampaignSummary>[] = [
    {
      id: 'name',
      header: t('campaigns.name'),
      hideable: false,
      cell: (c) => (
        <Anchor component={Link} to={open(c)} size="sm" data-testid="campaign-link">
          <bdi>{c.name}</bdi>
        </Anchor>
      ),
    },
    { id: 'number', header: t('campaigns.number'), cell: (c) => <Ltr>{c.phoneNumberId}</Ltr> },
    {
      id: 'template',
      header: t('campaigns.template'),
      cell: (c) => (
        <Ltr>
          {c.templateName} · {c.templateLanguage}
        </Ltr>
      ),
    },
    {
      id: 'status',
      header: t('campaigns.statusLabel'),
      cell: (c) => <CampaignStatusBadge status={c.status} />,
    },
    {
      id: 'progress',
      header: t('campaigns.progress'),
      cell: (c) => (
        <Stack gap={2} miw={120}>
          <Progress.Root size="sm">
            {/* The name goes on the section: it carries the progressbar role, the root does not. */}
            <Progress.Section value={progressOf(c)} aria-label={t('campaigns.progress')} />
          </Progress.Root>
          <Text size="xs" c="dimmed">
            {t('campaigns.ofRecipients', {
              done: fmt.number(Math.round((progressOf(c) * c.counts.total) / 100)),
              total: fmt.number(c.counts.total),
            })}
          </Text>
        </Stack>
      ),
    },
    { id: 'created', header: t('campaigns.created'), cell: (c) => fmt.dateTime(c.createdAt) },
    {
      id: 'started',
      header: t('campaigns.started'),
      cell: (c) => (c.startedAt === null ? '—' : fmt.dateTime(c.startedAt)),
    },
  ];
  const total = campaigns.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('nav.campaigns')}
        description={t('placeholder.campaignsDescription')}
        actions={
          <Group>
            <LiveBadge connected={connected} />
            {canWrite && (
              <Button component={Link} to="/campaigns/new" data-testid="new-campaign">
                {t('campaigns.new')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <FilterBar isFiltered={Object.keys(f).length > 0} onClear={table.clearFilters}>
          <TextInput
            label={t('common.search')}
            value={f.q ?? ''}
            w={240}
            onChange={(e) => table.setFilter('q', e.currentTarget.value)}
          />
          <Select
            label={t('campaigns.statusLabel')}
            placeholder={t('templates.any')}
            clearable
            data={campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))}
            value={f.status ?? null}
            onChange={(v) => table.setFilter('status', v)}
            w={200}
            data-testid="campaigns-status-filter"
          />
        </FilterBar>
        <DataTable
          label={t('nav.campaigns')}
          testId="campaigns-table"
          rowTestId="campaign-row"
          columns={columns}
          rows={campaigns.data?.campaigns}
          rowKey={(c) => c.id}
          isLoading={campaigns.isLoading}
          error={campaigns.error}
          onRetry={() => void campaigns.refetch()}
          empty={Object.keys(f).length > 0 ? t('dataTable.noMatch') : t('campaigns.none')}
          onRowClick={(c) => void navigate(open(c))}
        />
        <TablePager total={total} pageSize={PAGE} page={table.page} onChange={table.setPage} />
      </Stack>
    </>
  );
}
