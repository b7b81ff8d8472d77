import { useTranslation } from 'react-i18next';
import { Checkbox, Group, MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import type { TagWithCount } from '@kiana/contracts';
import { consentStates } from './contacts.format';
import type { DraftCondition } from './segment-draft';

const attributeOps = [
  'eq',
  'neq',
  'contains',
  'gt',
  'lt',
  'before',
  'after',
  'isSet',
  'isNotSet',
] as const;

/** The inputs of one segment condition, by its kind. */
export function ConditionEditor({
  condition: c,
  onChange,
  tags,
  countries,
}: {
  condition: DraftCondition;
  onChange: (next: DraftCondition) => void;
  tags: readonly TagWithCount[];
  countries: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  switch (c.type) {
    case 'tags':
      return (
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('segments.match')}
            data={(['any', 'all', 'none'] as const).map((m) => ({
              value: m,
              label: t(`segments.tagMatch.${m}`),
            }))}
            value={c.match}
            onChange={(v) => v !== null && onChange({ ...c, match: v as typeof c.match })}
            allowDeselect={false}
            w={200}
          />
          <MultiSelect
            label={t('contacts.tags')}
            searchable
            data={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
            value={c.tagIds}
            onChange={(tagIds) => onChange({ ...c, tagIds })}
            miw={240}
            data-testid="segment-tags"
          />
        </Group>
      );
    case 'consent':
      return (
        <MultiSelect
          label={t('contacts.consent')}
          data={consentStates.map((s) => ({ value: s, label: t(`contacts.consentStates.${s}`) }))}
          value={c.states}
          onChange={(v) => onChange({ ...c, states: consentStates.filter((s) => v.includes(s)) })}
          miw={240}
        />
      );
    case 'country':
      return (
        <Group align="flex-end" wrap="wrap">
          <MultiSelect
            label={t('contacts.country')}
            searchable
            data={countries}
            value={c.countries}
            onChange={(countries) => onChange({ ...c, countries })}
            miw={240}
          />
          <Checkbox
            label={t('segments.notIn')}
            checked={c.negate}
            onChange={(e) => onChange({ ...c, negate: e.currentTarget.checked })}
            mb={8}
          />
        </Group>
      );
    case 'lastInbound':
      return (
        <NumberInput
          label={t('segments.withinDays')}
          min={1}
          max={3650}
          value={c.withinDays}
          onChange={(v) => onChange({ ...c, withinDays: typeof v === 'number' ? v : '' })}
          w={200}
        />
      );
    case 'attribute':
      return (
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('segments.attributeKey')}
            dir="ltr"
            value={c.key}
            onChange={(e) => onChange({ ...c, key: e.currentTarget.value })}
            w={160}
          />
          <Select
            label={t('segments.operator')}
            data={attributeOps.map((op) => ({ value: op, label: t(`segments.ops.${op}`) }))}
            value={c.op}
            onChange={(v) => v !== null && onChange({ ...c, op: v as typeof c.op })}
            allowDeselect={false}
            w={180}
          />
          {c.op !== 'isSet' && c.op !== 'isNotSet' && (
            <TextInput
              label={t('segments.value')}
              value={c.value}
              onChange={(e) => onChange({ ...c, value: e.currentTarget.value })}
              w={200}
            />
          )}
        </Group>
      );
  }
}
