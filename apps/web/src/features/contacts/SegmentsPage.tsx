import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import type { Segment } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { DataTable, type DataColumn } from '../../app/data-table';
import { fieldErrors } from '../../app/field-errors';
import { useLocale } from '../../i18n/locale-context';
import { useCan } from '../auth/session';
import { useTags } from './contacts.api';
import { countryOptions } from './contacts.format';
import { ConditionEditor } from './ConditionEditor';
import {
  conditionTypes,
  fromFilter,
  newCondition,
  toFilter,
  type SegmentDraft,
} from './segment-draft';
import { useDeleteSegment, useSaveSegment, useSegmentSize, useSegments } from './segments.api';

const emptyDraft: SegmentDraft = { op: 'and', conditions: [] };

/** Contacts → Segments: saved audiences as filter trees, with their size shown live. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const segments = useSegments();
  const remove = useDeleteSegment();
  const canManage = useCan('contacts.manage');
  const [editing, setEditing] = useState<{ id: string | null; name: string; draft: SegmentDraft }>({
    id: null,
    name: '',
    draft: emptyDraft,
  });
  const columns: DataColumn<Segment>[] = [
    {
      id: 'name',
      header: t('contacts.name'),
      cell: (s) => (
        <Anchor component={Link} to={`/contacts?segment=${encodeURIComponent(s.id)}`} size="sm">
          <bdi>{s.name}</bdi>
        </Anchor>
      ),
    },
    { id: 'updated', header: t('contacts.updated'), cell: (s) => fmt.dateTime(s.updatedAt) },
  ];
  if (canManage)
    columns.push({
      id: 'actions',
      header: t('common.actions'),
      cell: (s) => (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => setEditing({ id: s.id, name: s.name, draft: fromFilter(s.filter) })}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            onClick={() => remove.mutate(s.id, { onError: notifyApiError })}
          >
            {t('contacts.delete')}
          </Button>
        </Group>
      ),
    });
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        description={t('segments.description')}
        actions={
          <Anchor component={Link} to="/contacts" size="sm">
            {t('contacts.back')}
          </Anchor>
        }
      />
      <Stack>
        <DataTable
          label={t('segments.title')}
          minWidth={500}
          testId="segments-table"
          columns={columns}
          rows={segments.data}
          rowKey={(s) => s.id}
          isLoading={segments.isLoading}
          error={segments.error}
          onRetry={() => void segments.refetch()}
          empty={t('segments.none')}
        />
        {canManage && (
          <SegmentBuilder
            key={editing.id ?? 'new'}
            id={editing.id}
            initialName={editing.name}
            initialDraft={editing.draft}
            onDone={() => setEditing({ id: null, name: '', draft: emptyDraft })}
          />
        )}
      </Stack>
    </>
  );
}

function SegmentBuilder({
  id,
  initialName,
  initialDraft,
  onDone,
}: {
  id: string | null;
  initialName: string;
  initialDraft: SegmentDraft;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { settings } = useLocale();
  const tags = useTags();
  const save = useSaveSegment();
  const [name, setName] = useState(initialName);
  const [draft, setDraft] = useState(initialDraft);
  const countries = useMemo(() => countryOptions(settings.language), [settings.language]);
  const filter = useMemo(() => toFilter(draft), [draft]);
  // The size follows the edits, but one request per pause in typing, not per keystroke.
  const [settled] = useDebouncedValue(filter, 300);
  const size = useSegmentSize(settled);
  const errors = fieldErrors(save.error);
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {id === null ? t('segments.new') : t('segments.edit')}
        </Title>
        <Group align="flex-end" justify="space-between" wrap="wrap">
          <TextInput
            label={t('contacts.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            w={300}
            data-testid="segment-name"
          />
          <Text fw={600} aria-live="polite" data-testid="segment-size">
            {size.data === undefined
              ? t('common.loading')
              : t('segments.size', { count: size.data.size })}
          </Text>
        </Group>
        <SegmentedControl
          aria-label={t('segments.combine')}
          value={draft.op}
          onChange={(op) => setDraft((d) => ({ ...d, op: op as SegmentDraft['op'] }))}
          data={[
            { value: 'and', label: t('segments.all') },
            { value: 'or', label: t('segments.any') },
          ]}
          w="fit-content"
        />
        {draft.conditions.map((c, i) => (
          <Group key={i} align="flex-end" wrap="nowrap" data-testid="segment-condition">
            <ConditionEditor
              condition={c}
              tags={tags.data ?? []}
              countries={countries}
              onChange={(next) =>
                setDraft((d) => ({
                  ...d,
                  conditions: d.conditions.map((old, j) => (j === i ? next : old)),
                }))
              }
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('segments.removeCondition')}
              onClick={() =>
                setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, j) => j !== i) }))
              }
              mb={4}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Menu>
            <Menu.Target>
              <Button variant="default" data-testid="add-condition">
                {t('segments.addCondition')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {conditionTypes.map((type) => (
                <Menu.Item
                  key={type}
                  onClick={() =>
                    setDraft((d) => ({ ...d, conditions: [...d.conditions, newCondition(type)] }))
                  }
                >
                  {t(`segments.types.${type}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <ApiErrorAlert error={size.error} />
        {Object.keys(errors).length === 0 && <ApiErrorAlert error={save.error} />}
        <Group justify="flex-end">
          {id !== null && (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            loading={save.isPending}
            disabled={name.trim() === ''}
            onClick={() => save.mutate({ id, input: { name, filter } }, { onSuccess: onDone })}
            data-testid="segment-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
