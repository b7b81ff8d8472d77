import { useRef, useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { TemplatePreview } from '../templates/TemplatePreview';
import { useTemplates } from '../templates/templates.api';
import { useConversationActions } from './inbox.api';
import { parametersFor, textParameters, withParameters } from './template-parameters';

const newClientId = () => crypto.randomUUID();

/**
 * An approved template with one field per header and body parameter and a live preview
 * (the templates feature's renderer); the server checks the parameters again.
 */
export function TemplatePicker({ c }: { c: ConversationSummary }) {
  const { t } = useTranslation();
  const templates = useTemplates({ status: 'APPROVED', accountId: c.accountId ?? undefined });
  const actions = useConversationActions(c.id);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const clientId = useRef(newClientId());
  const usable = (templates.data ?? []).filter(
    (tpl) => c.accountId === null || tpl.accountId === c.accountId,
  );
  const options = usable.map((tpl) => ({ value: tpl.id, label: `${tpl.name} (${tpl.language})` }));
  const template = usable.find((tpl) => tpl.id === templateId);
  const slots = template === undefined ? [] : textParameters(template.components);
  const complete = slots.every((s) => (values[s.key] ?? '').trim() !== '');
  const send = () => {
    if (template === undefined) return;
    actions.template.mutate(
      {
        clientId: clientId.current,
        templateId: template.id,
        parameters: parametersFor(slots, values),
      },
      {
        onSuccess: () => {
          clientId.current = newClientId();
          setValues({});
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <ApiErrorAlert error={templates.error} />
      <Select
        label={t('inbox.template')}
        data={options}
        value={templateId}
        // Disabled until the list has loaded, so a click never opens an empty menu.
        disabled={templates.isPending}
        placeholder={
          !templates.isPending && options.length === 0
            ? t('inbox.composer.noApprovedTemplates')
            : undefined
        }
        onChange={(id) => {
          setTemplateId(id);
          setValues({});
        }}
        searchable
      />
      {template !== undefined && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            {slots.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('inbox.composer.parametersHelp')}
              </Text>
            )}
            {slots.map((s) => (
              <TextInput
                key={s.key}
                label={t(
                  s.where === 'header'
                    ? 'inbox.composer.headerParameter'
                    : 'inbox.composer.parameter',
                  { name: `{{${s.name}}}`, interpolation: { escapeValue: false } },
                )}
                value={values[s.key] ?? ''}
                required
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((prev) => ({ ...prev, [s.key]: v }));
                }}
              />
            ))}
          </Stack>
          <TemplatePreview
            components={withParameters(template.components, values)}
            language={template.language}
          />
        </SimpleGrid>
      )}
      <Group justify="flex-end">
        <Button
          disabled={template === undefined || !complete}
          loading={actions.template.isPending}
          onClick={send}
        >
          {t('inbox.sendTemplate')}
        </Button>
      </Group>
      <ApiErrorAlert error={actions.template.error} />
    </Stack>
  );
}
