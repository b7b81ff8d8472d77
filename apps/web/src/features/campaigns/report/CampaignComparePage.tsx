import { Anchor, Card, MultiSelect, Stack, Table, Text } from '@mantine/core';
import type { CampaignReport } from '@kiana/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/ApiErrorAlert';
import { PageHeader } from '../../../app/PageHeader';
import { ScrollTable } from '../../../app/ScrollTable';
import { useFormat } from '../../../i18n/locale-context';
import { useCampaigns } from '../campaigns.api';
import { FUNNEL_STEPS, share, useCampaignReports } from './report.api';
import { usePercent } from './ReportPanels';
import '../../../app/print.css';

/** At most this many campaigns side by side: the table must stay readable. */
const MAX_COMPARED = 6;

type Row = { key: string; label: string; cell: (r: CampaignReport) => string };

/** Two or more campaigns side by side: funnel, rates, failures and cost (`?ids=a,b`). */
export function CampaignComparePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const percent = usePercent();
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '')
    .split(',')
    .filter((id) => id !== '')
    .slice(0, MAX_COMPARED);
  const campaigns = useCampaigns({ pageSize: 200 });
  const results = useCampaignReports(ids);
  const reports = results.flatMap((r) => (r.data === undefined ? [] : [r.data]));
  const error = results.find((r) => r.error !== null)?.error ?? null;
  const money = (r: CampaignReport) => fmt.currency(r.cost.costMicros / 1_000_000, r.cost.currency);
  const rows: Row[] = [
    ...FUNNEL_STEPS.map((s) => ({
      key: s,
      label: t(`campaignReport.steps.${s}`),
      cell: (r: CampaignReport) => fmt.number(r.funnel[s]),
    })),
    {
      key: 'failed',
      label: t('campaignReport.steps.failed'),
      cell: (r) => fmt.number(r.funnel.failed),
    },
    ...(['delivered', 'read', 'replied', 'optedOut'] as const).map((s) => ({
      key: `${s}-rate`,
      label: t('campaignReport.rateOf', { step: t(`campaignReport.steps.${s}`) }),
      cell: (r: CampaignReport) => percent(share(r.funnel[s], r.funnel.sent)),
    })),
    {
      key: 'top-failure',
      label: t('campaignReport.topFailure'),
      cell: (r) => (r.failures[0] === undefined ? '—' : String(r.failures[0].code)),
    },
    { key: 'cost', label: t('campaignReport.cost'), cell: money },
    {
      key: 'cost-per-read',
      label: t('campaignReport.costPerRead'),
      cell: (r) =>
        r.funnel.read === 0
          ? '—'
          : fmt.currency(r.cost.costMicros / 1_000_000 / r.funnel.read, r.cost.currency),
    },
  ];
  const options = (campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <>
      <PageHeader title={t('campaignReport.compareTitle')} />
      <Stack>
        <MultiSelect
          className="no-print"
          label={t('campaignReport.chooseCampaigns')}
          data={options}
          value={ids}
          maxValues={MAX_COMPARED}
          searchable
          onChange={(next) => setParams(next.length === 0 ? {} : { ids: next.join(',') })}
          data-testid="compare-select"
        />
        {error !== null && <ApiErrorAlert error={error} />}
        {ids.length < 2 && (
          <Text size="sm" c="dimmed">
            {t('campaignReport.chooseTwo')}
          </Text>
        )}
        {reports.length > 0 && (
          <Card withBorder>
            <ScrollTable minWidth={480} label={t('campaignReport.compareTitle')}>
              <Table data-testid="compare-table" striped>
                <Table.Caption>{t('campaignReport.compareTitle')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('campaignReport.figure')}</Table.Th>
                    {reports.map((r) => (
                      <Table.Th key={r.campaign.id} scope="col">
                        <Anchor
                          component={Link}
                          to={`/campaigns/${encodeURIComponent(r.campaign.id)}/report`}
                        >
                          {r.campaign.name}
                        </Anchor>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.key} data-testid={`compare-${row.key}`}>
                      <Table.Th scope="row">{row.label}</Table.Th>
                      {reports.map((r) => (
                        <Table.Td key={r.campaign.id}>{row.cell(r)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Card>
        )}
      </Stack>
    </>
  );
}
