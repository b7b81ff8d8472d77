import { Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTemplates } from '../templates/templates.api';
import { useSendingNumbers } from './campaigns.api';
import type { StepProps } from './wizard-state';

/** Step 1: the campaign's name, the sending number and an approved template in a language. */
export function StepSetup({ form, onChange }: StepProps) {
  const { t } = useTranslation();
  // The campaigns-scoped list: agents may send without reading the accounts' settings.
  const numbers = useSendingNumbers().data?.numbers ?? [];
  const accountId = numbers.find((p) => p.phoneNumberId === form.phoneNumberId)?.accountId;
  const templates = useTemplates({ status: 'APPROVED', accountId });
  return (
    <Stack maw={520}>
      <TextInput
        label={t('campaigns.name')}
        required
        value={form.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        data-testid="campaign-name"
      />
      <Select
        label={t('campaigns.number')}
        required
        data={numbers.map((p) => ({
          value: p.phoneNumberId,
          label: `${p.displayPhoneNumber} — ${p.verifiedName ?? p.accountName}`,
        }))}
        value={form.phoneNumberId || null}
        onChange={(v) => onChange({ phoneNumberId: v ?? '', templateId: '', variables: {} })}
        data-testid="campaign-number"
      />
      <Select
        label={t('campaigns.templateAndLanguage')}
        description={t('campaigns.approvedOnly')}
        required
        searchable
        disabled={accountId === undefined}
        data={(templates.data ?? []).map((tpl) => ({
          value: tpl.id,
          label: `${tpl.name} · ${tpl.language} · ${tpl.category}`,
        }))}
        value={form.templateId || null}
        onChange={(v) => onChange({ templateId: v ?? '', variables: {}, headerMedia: null })}
        data-testid="campaign-template"
      />
    </Stack>
  );
}
