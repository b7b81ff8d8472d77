import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Button, ColorInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { TagWithCount } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { DataTable, type DataColumn } from '../../app/data-table';
import { fieldErrors } from '../../app/field-errors';
import { useFormat } from '../../i18n/locale-context';
import { useCan } from '../auth/session';
import { useDeleteTag, useSaveTag, useTags } from './contacts.api';
import { TagBadges } from './TagBadges';

/** Contacts → Tags: every tag with how many contacts carry it; create, rename, recolour, delete. */
export function TagsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tags = useTags();
  const canManage = useCan('contacts.manage');
  // null: closed; 'new'; or the tag being edited.
  const [editing, setEditing] = useState<TagWithCount | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TagWithCount | null>(null);
  const remove = useDeleteTag();
  const columns: DataColumn<TagWithCount>[] = [
    { id: 'name', header: t('contacts.tag'), cell: (tag) => <TagBadges tags={[tag]} /> },
    { id: 'contacts', header: t('nav.contacts'), cell: (tag) => fmt.number(tag.contactCount) },
    { id: 'created', header: t('contacts.created'), cell: (tag) => fmt.dateTime(tag.createdAt) },
  ];
  if (canManage)
    columns.push({
      id: 'actions',
      header: t('common.actions'),
      cell: (tag) => (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setEditing(tag)}>
            {t('common.edit')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={() => setDeleting(tag)}>
            {t('contacts.delete')}
          </Button>
        </Group>
      ),
    });
  return (
    <>
      <PageHeader
        title={t('contacts.tagsTitle')}
        description={t('contacts.tagsDescription')}
        actions={
          <Group>
            <Anchor component={Link} to="/contacts" size="sm">
              {t('contacts.back')}
            </Anchor>
            {canManage && (
              <Button onClick={() => setEditing('new')} data-testid="new-tag">
                {t('contacts.newTag')}
              </Button>
            )}
          </Group>
        }
      />
      <DataTable
        label={t('contacts.tagsTitle')}
        minWidth={600}
        testId="tags-table"
        columns={columns}
        rows={tags.data}
        rowKey={(tag) => tag.id}
        isLoading={tags.isLoading}
        error={tags.error}
        onRetry={() => void tags.refetch()}
        empty={t('contacts.noTagsYet')}
      />
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('contacts.newTag') : t('contacts.editTag')}
      >
        {editing !== null && (
          <TagForm tag={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        )}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('contacts.deleteTagTitle', { name: deleting?.name ?? '' })}
      >
        <Text size="sm">{t('contacts.deleteTagBody', { count: deleting?.contactCount ?? 0 })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              deleting !== null &&
              remove.mutate(deleting.id, {
                onSuccess: () => setDeleting(null),
                onError: notifyApiError,
              })
            }
            data-testid="confirm-delete-tag"
          >
            {t('contacts.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

function TagForm({ tag, onClose }: { tag: TagWithCount | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTag();
  const [name, setName] = useState(tag?.name ?? '');
  const [colour, setColour] = useState(tag?.colour ?? '');
  const errors = fieldErrors(save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { id: tag?.id ?? null, input: { name, colour: colour === '' ? null : colour } },
          { onSuccess: onClose },
        );
      }}
    >
      <Stack>
        <TextInput
          label={t('contacts.tagName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="tag-name"
        />
        <ColorInput
          label={t('contacts.tagColour')}
          format="hex"
          value={colour}
          onChange={setColour}
          error={errors.colour}
        />
        {Object.keys(errors).length === 0 && <ApiErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="tag-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
