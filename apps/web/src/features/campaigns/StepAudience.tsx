import { MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTags } from '../contacts/contacts.api';
import { useSegments } from '../contacts/segments.api';
import { CsvAudience } from './CsvAudience';
import { parseNumbers, type StepProps } from './wizard-state';

/**
 * Step 2: who receives it: segments, tags, typed numbers and a CSV uploaded to the draft, all
 * together (duplicates once).
 */
export function StepAudience({ form, onChange, campaignId }: StepProps & { campaignId?: string }) {
  const { t } = useTranslation();
  const tags = useTags();
  const segments = useSegments();
  const [pasted, setPasted] = useState(form.audience.numbers.join('\n'));
  const audience = form.audience;
  return (
    <Stack maw={820}>
      <MultiSelect
        label={t('campaigns.segments')}
        searchable
        data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={audience.segmentIds}
        onChange={(segmentIds) => onChange({ audience: { ...audience, segmentIds } })}
        data-testid="audience-segments"
      />
      <MultiSelect
        label={t('campaigns.tags')}
        searchable
        data={(tags.data ?? []).map((tag) => ({
          value: tag.id,
          label: `${tag.name} (${tag.contactCount})`,
        }))}
        value={audience.tagIds}
        onChange={(tagIds) => onChange({ audience: { ...audience, tagIds } })}
        data-testid="audience-tags"
      />
      <Textarea
        label={t('campaigns.pastedNumbers')}
        description={t('campaigns.pastedNumbersHint')}
        autosize
        minRows={3}
        maxRows={10}
        value={pasted}
        dir="ltr"
        onChange={(e) => {
          setPasted(e.currentTarget.value);
          onChange({ audience: { ...audience, numbers: parseNumbers(e.currentTarget.value) } });
        }}
        data-testid="audience-numbers"
      />
      {campaignId !== undefined && (
        <CsvAudience
          campaignId={campaignId}
          audience={audience}
          onChange={(next) => onChange({ audience: next })}
        />
      )}
      <Text size="sm" c="dimmed">
        {t('campaigns.audienceNote')}
      </Text>
    </Stack>
  );
}
