import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import type { ContactDetail } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { fieldErrors } from '../../app/field-errors';
import { phoneExample } from '../../app/literals';
import { normaliseDigits } from '../../i18n/digits';
import { useCreateContact, useTags, useUpdateContact } from './contacts.api';

interface Draft {
  phone: string;
  name: string;
  language: string;
  tagIds: string[];
}

const draftOf = (c: ContactDetail | undefined): Draft => ({
  phone: c?.phoneE164 ?? '',
  name: c?.name ?? '',
  language: c?.language ?? '',
  tagIds: c?.tags.map((tag) => tag.id) ?? [],
});

/**
 * Creates a contact, or edits `contact`. The server normalises the number and checks
 * every field; its field errors are shown beside their inputs.
 */
export function ContactFormModal({
  opened,
  onClose,
  contact,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: ContactDetail;
  onSaved?: (contact: ContactDetail) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={contact === undefined ? t('contacts.new') : t('contacts.editTitle')}
    >
      {/* Mounted only while open, so each opening starts from the contact as it is now. */}
      {opened && <ContactForm contact={contact} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function ContactForm({
  contact,
  onClose,
  onSaved,
}: {
  contact?: ContactDetail;
  onClose: () => void;
  onSaved?: (contact: ContactDetail) => void;
}) {
  const { t } = useTranslation();
  const tags = useTags();
  const [draft, setDraft] = useState(() => draftOf(contact));
  const create = useCreateContact();
  const update = useUpdateContact(contact?.id ?? '');
  const save = contact === undefined ? create : update;
  const errors = fieldErrors(save.error);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const submit = () => {
    const input = {
      phone: draft.phone,
      name: draft.name.trim() === '' ? null : draft.name.trim(),
      language: draft.language.trim() === '' ? null : draft.language.trim(),
      tagIds: draft.tagIds,
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        onClose();
        onSaved?.(saved);
      },
    });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <TextInput
          label={t('contacts.phone')}
          description={t('contacts.phoneHint')}
          placeholder={phoneExample}
          required
          dir="ltr"
          value={draft.phone}
          onChange={(e) => set({ phone: normaliseDigits(e.currentTarget.value) })}
          error={errors.phone}
          data-testid="contact-phone"
        />
        <TextInput
          label={t('contacts.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errors.name}
          data-testid="contact-name"
        />
        <TextInput
          label={t('contacts.language')}
          description={t('contacts.languageHint')}
          dir="ltr"
          value={draft.language}
          onChange={(e) => set({ language: e.currentTarget.value })}
          error={errors.language}
        />
        <MultiSelect
          label={t('contacts.tags')}
          searchable
          data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
          value={draft.tagIds}
          onChange={(tagIds) => set({ tagIds })}
          error={errors.tagIds}
        />
        {Object.keys(errors).length === 0 && <ApiErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="contact-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
