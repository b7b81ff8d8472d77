import { Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignUpload, CampaignVariable, TemplateDto } from '@kiana/contracts';
import { TemplatePreview } from '../templates/TemplatePreview';
import { useContacts } from '../contacts/contacts.api';
import { renderFor, slotsOf, type Sample, type Slot } from './campaigns.format';
import { csvRecord, useCsvUpload } from './csv-audience.api';
import type { StepProps } from './wizard-state';

type Source = 'attribute' | 'name' | 'phone' | 'fixed' | 'csv';
const sources: Source[] = ['attribute', 'name', 'phone', 'fixed', 'csv'];

function sourceOf(v: CampaignVariable | undefined): Source | null {
  if (v === undefined) return null;
  return v.source === 'field' ? v.key : v.source;
}

/** A fresh mapping for a source, keeping what can be kept (the fallback). */
function variableFor(source: Source, previous: CampaignVariable | undefined): CampaignVariable {
  const fallback = previous !== undefined && 'fallback' in previous ? previous.fallback : null;
  switch (source) {
    case 'name':
    case 'phone':
      return { source: 'field', key: source, fallback };
    case 'attribute':
      return {
        source: 'attribute',
        key: previous?.source === 'attribute' ? previous.key : '',
        fallback,
      };
    case 'csv':
      return { source: 'csv', column: previous?.source === 'csv' ? previous.column : '', fallback };
    case 'fixed':
      return { source: 'fixed', value: previous?.source === 'fixed' ? previous.value : '' };
  }
}

function SlotEditor({
  slot,
  value,
  onChange,
  csvHeader,
}: {
  slot: Slot;
  value: CampaignVariable | undefined;
  onChange: (v: CampaignVariable) => void;
  /** The audience CSV's column names, when it has one. */
  csvHeader: readonly string[] | undefined;
}) {
  const { t } = useTranslation();
  const source = sourceOf(value);
  const label = t(`campaigns.slot.${slot.where}`, { name: slot.name });
  return (
    <Paper withBorder p="sm" data-testid={`slot-${slot.key}`}>
      <Text fw={500} size="sm" mb={4}>
        <bdi dir="ltr">{label}</bdi>
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('campaigns.source')}
          data={sources.map((s) => ({ value: s, label: t(`campaigns.sources.${s}`) }))}
          value={source}
          onChange={(s) => s !== null && onChange(variableFor(s as Source, value))}
          w={180}
          data-testid="slot-source"
        />
        {value?.source === 'attribute' && (
          <TextInput
            label={t('campaigns.attributeKey')}
            value={value.key}
            onChange={(e) => onChange({ ...value, key: e.currentTarget.value })}
            dir="ltr"
          />
        )}
        {value?.source === 'csv' && csvHeader !== undefined && (
          <Select
            label={t('campaigns.csvColumn')}
            placeholder={t('campaigns.csv.pickColumn')}
            data={csvHeader.map((name, i) => ({
              value: name === '' ? String(i) : name,
              label: name === '' ? String(i + 1) : name,
            }))}
            value={value.column === '' ? null : value.column}
            onChange={(column) => column !== null && onChange({ ...value, column })}
            allowDeselect={false}
            w={200}
            data-testid="slot-csv-column"
          />
        )}
        {value?.source === 'csv' && csvHeader === undefined && (
          <Text size="sm" c="dimmed" data-testid="slot-csv-none">
            {t('campaigns.csv.noFile')}
          </Text>
        )}
        {value?.source === 'fixed' && (
          <TextInput
            label={t('campaigns.fixedValue')}
            value={value.value}
            onChange={(e) => onChange({ ...value, value: e.currentTarget.value })}
            data-testid="slot-fixed"
          />
        )}
        {value !== undefined && value.source !== 'fixed' && (
          <TextInput
            label={t('campaigns.fallback')}
            value={value.fallback ?? ''}
            onChange={(e) =>
              onChange({
                ...value,
                fallback: e.currentTarget.value === '' ? null : e.currentTarget.value,
              })
            }
            data-testid="slot-fallback"
          />
        )}
      </Group>
    </Paper>
  );
}

/**
 * A few recipients of the audience to preview with: the CSV's first rows (with their cells),
 * else its first contacts, else typed numbers.
 */
function useSamples(form: StepProps['form'], csv: CampaignUpload | undefined): Sample[] {
  const { tagIds, segmentIds, numbers, csvNumberColumn } = form.audience;
  const contacts = useContacts({
    tagId: tagIds[0],
    segmentId: segmentIds[0],
    pageSize: 3,
    page: 1,
  });
  if (csv !== undefined && csvNumberColumn !== null) {
    return csv.rows.slice(0, 3).map((row) => ({
      name: null,
      phone: row[csvNumberColumn] ?? '',
      attributes: {},
      csv: csvRecord(csv, row),
    }));
  }
  if (tagIds.length > 0 || segmentIds.length > 0) {
    return (contacts.data?.contacts ?? []).map((c) => ({
      name: c.name,
      phone: c.phoneE164 ?? '',
      attributes: c.attributes,
    }));
  }
  return numbers.slice(0, 3).map((n) => ({ name: null, phone: n, attributes: {} }));
}

/** Step 3: where each template parameter comes from, with the message as three recipients see it. */
export function StepVariables({
  form,
  onChange,
  template,
  campaignId,
}: StepProps & { template: TemplateDto | undefined; campaignId?: string }) {
  const { t } = useTranslation();
  const csv = useCsvUpload(campaignId, form.audience.uploadId).data;
  const samples = useSamples(form, csv);
  if (template === undefined) return <Text c="dimmed">{t('campaigns.pickTemplateFirst')}</Text>;
  const slots = slotsOf(template.components);
  const header = template.components.find((c) => c.type.toUpperCase() === 'HEADER');
  const mediaFormat = (header?.format ?? 'TEXT').toUpperCase();
  const mediaType =
    mediaFormat === 'IMAGE'
      ? 'image'
      : mediaFormat === 'VIDEO'
        ? 'video'
        : mediaFormat === 'DOCUMENT'
          ? 'document'
          : null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Stack>
        {slots.length === 0 && <Text c="dimmed">{t('campaigns.noParameters')}</Text>}
        {slots.map((slot) => (
          <SlotEditor
            key={slot.key}
            slot={slot}
            value={form.variables[slot.key]}
            onChange={(v) => onChange({ variables: { ...form.variables, [slot.key]: v } })}
            csvHeader={csv?.header}
          />
        ))}
        {mediaType !== null && (
          <TextInput
            label={t('campaigns.headerMedia')}
            description={t('campaigns.headerMediaHint')}
            dir="ltr"
            value={form.headerMedia?.link ?? ''}
            onChange={(e) => {
              const link = e.currentTarget.value.trim();
              onChange({ headerMedia: link === '' ? null : { type: mediaType, link } });
            }}
            data-testid="header-media-link"
          />
        )}
      </Stack>
      <Stack>
        <Title order={4}>{t('campaigns.livePreview')}</Title>
        {samples.length === 0 && <Text c="dimmed">{t('campaigns.noSamples')}</Text>}
        {samples.map((s, i) => (
          <Stack key={`${s.phone}-${i}`} gap={4} data-testid="sample-preview">
            <Text size="sm" c="dimmed">
              <bdi>{s.name ?? s.phone}</bdi>
            </Text>
            <TemplatePreview
              components={renderFor(template.components, form.variables, s)}
              language={template.language}
            />
          </Stack>
        ))}
      </Stack>
    </SimpleGrid>
  );
}
