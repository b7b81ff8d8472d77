import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Modal, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ContactBulkInput } from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useBulkContacts, useTags } from './contacts.api';

/** The bulk bar's actions on the selected contacts: add or remove a tag, delete. */
export function ContactsBulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const tags = useTags();
  const bulk = useBulkContacts();
  const [tagId, setTagId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = (action: ContactBulkInput['action']) =>
    bulk.mutate(
      { selection: { ids }, action },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'green',
            message: t('contacts.bulkDone', { count: result.affected }),
            // Mantine's close button has no name of its own (axe: button-name).
            closeButtonProps: { 'aria-label': t('common.close') },
          });
          setConfirming(false);
          onDone();
        },
        onError: notifyApiError,
      },
    );
  return (
    <>
      <Select
        aria-label={t('contacts.tag')}
        placeholder={t('contacts.chooseTag')}
        searchable
        data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
        value={tagId}
        onChange={setTagId}
        w={180}
        size="xs"
        data-testid="bulk-tag"
      />
      <Button
        size="xs"
        variant="light"
        disabled={tagId === null}
        loading={bulk.isPending}
        onClick={() => tagId !== null && run({ type: 'addTags', tagIds: [tagId] })}
        data-testid="bulk-add-tag"
      >
        {t('contacts.addTag')}
      </Button>
      <Button
        size="xs"
        variant="light"
        disabled={tagId === null}
        loading={bulk.isPending}
        onClick={() => tagId !== null && run({ type: 'removeTags', tagIds: [tagId] })}
        data-testid="bulk-remove-tag"
      >
        {t('contacts.removeTag')}
      </Button>
      <Button
        size="xs"
        color="red"
        variant="light"
        onClick={() => setConfirming(true)}
        data-testid="bulk-delete"
      >
        {t('contacts.delete')}
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('contacts.deleteTitle', { count: ids.length })}
      >
        <Text size="sm">{t('contacts.deleteBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={bulk.isPending}
            onClick={() => run({ type: 'delete' })}
            data-testid="confirm-delete"
          >
            {t('contacts.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
