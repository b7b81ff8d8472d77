import {
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignAudience, CampaignUpload, CampaignUploadCheck } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { rejectedCsvUrl, useCsvCheck, useCsvUpload, useUploadCsv } from './csv-audience.api';

const PREVIEW_ROWS = 5;

/** The first rows of the file, the number column highlighted. */
function CsvPreview({ upload, column }: { upload: CampaignUpload; column: number | null }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table
        withTableBorder
        striped
        data-testid="csv-preview"
        aria-label={t('campaigns.csv.preview')}
      >
        <Table.Thead>
          <Table.Tr>
            {upload.header.map((name, i) => (
              <Table.Th key={i} c={i === column ? 'blue' : undefined}>
                <bdi>{name}</bdi>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {upload.rows.slice(0, PREVIEW_ROWS).map((row, r) => (
            <Table.Tr key={r}>
              {upload.header.map((_, i) => (
                <Table.Td key={i} dir={i === column ? 'ltr' : undefined}>
                  <bdi>{row[i] ?? ''}</bdi>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What the whole file gives: valid numbers, and the rows removed with their row and reason. */
function CsvCheck({ check, downloadUrl }: { check: CampaignUploadCheck; downloadUrl: string }) {
  const { t } = useTranslation();
  const figures = [
    ['rows', check.rows],
    ['valid', check.valid],
    ['invalid', check.invalid],
    ['duplicate', check.duplicate],
  ] as const;
  return (
    <Stack gap="xs" data-testid="csv-check">
      <SimpleGrid cols={4}>
        {figures.map(([key, n]) => (
          <Paper key={key} withBorder p="xs">
            <Text size="xs" c="dimmed">
              {t(`campaigns.csv.count.${key}`)}
            </Text>
            <Text fw={600} data-testid={`csv-${key}`}>
              {n}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {check.problem !== null && (
        <Alert color="red">{t('campaigns.csv.problem', { problem: check.problem })}</Alert>
      )}
      {check.issues.length > 0 && (
        <>
          <Table withTableBorder data-testid="csv-issues" aria-label={t('campaigns.csv.removed')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.csv.row')}</Table.Th>
                <Table.Th>{t('campaigns.csv.value')}</Table.Th>
                <Table.Th>{t('campaigns.csv.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {check.issues.map((issue) => (
                <Table.Tr key={issue.row} data-testid="csv-issue">
                  <Table.Td>{issue.row}</Table.Td>
                  <Table.Td dir="ltr">
                    <bdi>{issue.value}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {issue.reason === 'duplicate'
                      ? t('campaigns.csv.duplicateOf', { row: issue.firstRow ?? 0 })
                      : t('campaigns.csv.invalidNumber')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {check.issuesTruncated && (
            <Text size="sm" c="dimmed">
              {t('campaigns.csv.moreIssues', { shown: check.issues.length })}
            </Text>
          )}
          <Anchor href={downloadUrl} download data-testid="csv-rejected-download">
            {t('campaigns.csv.download')}
          </Anchor>
        </>
      )}
    </Stack>
  );
}

/**
 * The audience's CSV: upload it to the draft, see its first rows, pick the number column
 * (guessed), and see what the whole file gives before the review counts it with the rest.
 */
export function CsvAudience({
  campaignId,
  audience,
  onChange,
}: {
  campaignId: string;
  audience: CampaignAudience;
  onChange: (audience: CampaignAudience) => void;
}) {
  const { t } = useTranslation();
  const send = useUploadCsv(campaignId);
  const upload = useCsvUpload(campaignId, audience.uploadId);
  const check = useCsvCheck(campaignId, audience.uploadId, audience.csvNumberColumn);
  const onFile = (file: File | null) => {
    if (file === null) return;
    send.mutate(file, {
      onSuccess: (u) =>
        onChange({ ...audience, uploadId: u.id, csvNumberColumn: u.guessedNumberColumn ?? 0 }),
    });
  };
  const current = upload.data;
  const delimiter = (d: string) => (d === '\t' ? t('campaigns.csv.tab') : d);
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Text fw={500}>{t('campaigns.csv.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('campaigns.csv.hint')}
        </Text>
        <Group>
          <FileButton onChange={onFile} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button
                {...props}
                variant="default"
                loading={send.isPending}
                data-testid="audience-csv-upload"
              >
                {audience.uploadId === null
                  ? t('campaigns.csv.choose')
                  : t('campaigns.csv.replace')}
              </Button>
            )}
          </FileButton>
          {audience.uploadId !== null && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => onChange({ ...audience, uploadId: null, csvNumberColumn: null })}
              data-testid="audience-csv-remove"
            >
              {t('campaigns.csv.remove')}
            </Button>
          )}
        </Group>
        {send.error !== null && <ApiErrorAlert error={send.error} />}
        {upload.error !== null && <ApiErrorAlert error={upload.error} />}
        {current !== undefined && (
          <>
            <Text size="sm" data-testid="csv-file">
              {t('campaigns.csv.fileInfo', {
                name: current.fileName ?? '',
                encoding: current.encoding.toUpperCase(),
                delimiter: delimiter(current.delimiter),
              })}
            </Text>
            {current.problem !== null && (
              <Alert color="red">{t('campaigns.csv.problem', { problem: current.problem })}</Alert>
            )}
            <Select
              label={t('campaigns.csv.numberColumn')}
              data={current.header.map((name, i) => ({
                value: String(i),
                label: name === '' ? String(i + 1) : name,
              }))}
              value={audience.csvNumberColumn === null ? null : String(audience.csvNumberColumn)}
              onChange={(v) => v !== null && onChange({ ...audience, csvNumberColumn: Number(v) })}
              allowDeselect={false}
              maw={300}
              data-testid="csv-number-column"
            />
            <CsvPreview upload={current} column={audience.csvNumberColumn} />
            {check.error !== null && <ApiErrorAlert error={check.error} />}
            {check.isFetching && (
              <Text size="sm" c="dimmed">
                {t('campaigns.csv.checking')}
              </Text>
            )}
            {check.data !== undefined && audience.csvNumberColumn !== null && (
              <CsvCheck
                check={check.data}
                downloadUrl={rejectedCsvUrl(campaignId, current.id, audience.csvNumberColumn)}
              />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
