import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/ApiErrorAlert';
import { PageHeader } from '../../../app/PageHeader';
import { useFormat } from '../../../i18n/locale-context';
import { CampaignStatusBadge } from '../CampaignStatusBadge';
import {
  ReportCost,
  ReportCountries,
  ReportCurves,
  ReportFailures,
  ReportFunnel,
} from './ReportPanels';
import { reportCsvUrl, useCampaignReport } from './report.api';
import '../../../app/print.css';

/** One campaign's report: funnel, curves, failures, countries and cost; CSV and print. */
export function CampaignReportPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const query = useCampaignReport(id);
  const report = query.data;
  if (report === undefined) return <ApiErrorAlert error={query.error} />;
  const { campaign } = report;
  return (
    <>
      <PageHeader
        title={t('campaignReport.title', { name: campaign.name })}
        actions={
          <Group className="no-print">
            <CampaignStatusBadge status={campaign.status} />
            <Button
              component="a"
              href={reportCsvUrl(campaign.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              data-testid="report-csv"
            >
              {t('campaignReport.exportCsv')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconPrinter size={16} aria-hidden />}
              onClick={() => window.print()}
            >
              {t('campaignReport.print')}
            </Button>
          </Group>
        }
      />
      <Stack>
        <Text size="sm" c="dimmed">
          {campaign.launchedAt === null
            ? t('campaignReport.notLaunched')
            : t('campaignReport.launched', { at: fmt.dateTime(campaign.launchedAt) })}
          {report.watermark !== null &&
            ` · ${t('campaignReport.updated', { at: fmt.dateTime(report.watermark) })}`}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ReportFunnel report={report} />
          <ReportCost report={report} />
        </SimpleGrid>
        <ReportCurves report={report} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ReportFailures report={report} />
          <ReportCountries report={report} />
        </SimpleGrid>
        <Group className="no-print">
          <Anchor component={Link} to={`/campaigns/${encodeURIComponent(campaign.id)}`} size="sm">
            {t('campaignReport.backToCampaign')}
          </Anchor>
          <Anchor
            component={Link}
            to={`/campaigns/compare?ids=${encodeURIComponent(campaign.id)}`}
            size="sm"
          >
            {t('campaignReport.compare')}
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
