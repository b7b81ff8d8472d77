import { buttonPhoneExample, buttonUrlExample, templateNameExample } from '../../app/literals';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../app/ApiErrorAlert';
import { normaliseDigits } from '../../i18n/digits';
import { templateLanguageOptions } from './template-languages';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Grid,
  Group,
  List,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { LintResult, TemplateLintCode } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../app/PageHeader';
import { useAccounts } from '../accounts/accounts.api';
import { TemplatePreview } from './TemplatePreview';
import { lintDraft, useTemplateActions } from './templates.api';
import { emptyBuilder, toComponents, type BuilderState, type HeaderMedia } from './template-draft';
import { HeaderMediaInput } from './HeaderMediaInput';
import { variablesIn } from './template-examples';
import { debouncedLatest } from '../../app/latest-only';

const buttonTypes = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'] as const;
const headerKinds = ['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
const categories = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/** The template builder: header, body with variables and examples, footer, buttons; live lint; submit. */
export function TemplateBuilderPage() {
  const { t, i18n } = useTranslation();
  const languageOptions = useMemo(() => templateLanguageOptions(i18n.language), [i18n.language]);
  const accounts = useAccounts();
  const actions = useTemplateActions();
  const navigate = useNavigate();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en_US');
  const [category, setCategory] = useState('MARKETING');
  const [s, setS] = useState<BuilderState>(emptyBuilder);
  const [lint, setLint] = useState<LintResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const account = accountId ?? accounts.data?.[0]?.id ?? null;
  const components = useMemo(() => toComponents(s), [s]);
  const draft = useMemo(
    () => ({ name, language, category, parameterFormat: s.parameterFormat, components }),
    [name, language, category, s.parameterFormat, components],
  );
  const set = (patch: Partial<BuilderState>): void => setS((prev) => ({ ...prev, ...patch }));

  // Lint while typing, after a short pause, with the same rules as submission. Only the answer
  // for the current draft is applied: under load the answer for an earlier draft (the empty
  // name, say) can arrive last and would tell the user the name they just typed is missing.
  useEffect(() => debouncedLatest((signal) => lintDraft(draft, signal), setLint, 350), [draft]);

  const submit = async (): Promise<void> => {
    if (account === null) return;
    setError(null);
    try {
      // The sample is sent only when the header still uses it (see template-draft.ts).
      const sample =
        s.media !== null && s.media.format === s.headerKind ? s.media.exampleId : undefined;
      await actions.submit.mutateAsync({
        ...draft,
        accountId: account,
        ...(sample === undefined ? {} : { headerExampleId: sample }),
      });
      await navigate('/templates');
    } catch (err) {
      setError(err instanceof ApiError ? apiErrorMessage(err, t) : String(err));
    }
  };
  const issues = lint?.issues ?? [];
  const headerIsMedia = ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(s.headerKind);

  return (
    <>
      <PageHeader
        title={t('templates.newTemplate')}
        description={t('templates.builder.description')}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Group grow>
              <Select
                label={t('templates.account')}
                data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                value={account}
                onChange={setAccountId}
              />
              <Select
                label={t('templates.category')}
                data={categories.map((c) => ({ value: c, label: t(`templates.categories.${c}`) }))}
                value={category}
                onChange={(v) => setCategory(v ?? 'MARKETING')}
                allowDeselect={false}
              />
            </Group>
            <Group grow>
              <TextInput
                label={t('templates.builder.name')}
                placeholder={templateNameExample}
                dir="ltr"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Select
                label={t('templates.language')}
                searchable
                allowDeselect={false}
                data={languageOptions}
                value={language}
                onChange={(v) => setLanguage(v ?? 'en_US')}
              />
            </Group>
            <SegmentedControl
              aria-label={t('templates.builder.parameterFormat')}
              data={[
                {
                  value: 'POSITIONAL',
                  label: t('templates.builder.numbered', { example: '{{1}}' }),
                },
                {
                  value: 'NAMED',
                  label: t('templates.builder.named', { example: '{{first_name}}' }),
                },
              ]}
              value={s.parameterFormat}
              onChange={(v) => set({ parameterFormat: v === 'NAMED' ? 'NAMED' : 'POSITIONAL' })}
            />
            <Card withBorder>
              <Text fw={600} mb="xs">
                {t('templates.builder.header')}
              </Text>
              <SegmentedControl
                data={headerKinds.map((v) => ({
                  value: v,
                  label: t(`templates.builder.headerKinds.${v}`),
                }))}
                value={s.headerKind}
                onChange={(v) => set({ headerKind: v as BuilderState['headerKind'] })}
                aria-label={t('templates.builder.headerType')}
              />
              {s.headerKind === 'TEXT' && (
                <Group grow mt="xs">
                  <TextInput
                    label={t('templates.builder.headerText')}
                    value={s.headerText}
                    onChange={(e) => set({ headerText: e.currentTarget.value })}
                  />
                  {variablesIn(s.headerText).length > 0 && (
                    <TextInput
                      label={t('templates.builder.headerExample')}
                      value={s.headerExample}
                      onChange={(e) => set({ headerExample: e.currentTarget.value })}
                    />
                  )}
                </Group>
              )}
              {headerIsMedia && (
                <HeaderMediaInput
                  key={s.headerKind}
                  format={s.headerKind as HeaderMedia['format']}
                  accountId={account}
                  media={s.media}
                  onChange={(media) => set({ media })}
                />
              )}
            </Card>
            <Card withBorder>
              <Textarea
                label={t('templates.builder.body')}
                autosize
                minRows={3}
                description={t('templates.builder.bodyHint', {
                  numbered: '{{1}}, {{2}}',
                  named: '{{first_name}}',
                })}
                value={s.body}
                onChange={(e) => set({ body: e.currentTarget.value })}
              />
              {variablesIn(s.body).map((v) => (
                <TextInput
                  key={v}
                  mt="xs"
                  label={t('templates.builder.exampleFor', { variable: `{{${v}}}` })}
                  value={s.bodyExamples[v] ?? ''}
                  onChange={(e) =>
                    set({ bodyExamples: { ...s.bodyExamples, [v]: e.currentTarget.value } })
                  }
                />
              ))}
              <TextInput
                mt="xs"
                label={t('templates.builder.footer')}
                value={s.footer}
                onChange={(e) => set({ footer: e.currentTarget.value })}
              />
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t('templates.builder.buttons')}</Text>
                <Group gap="xs">
                  {buttonTypes.map((type) => (
                    <Button
                      key={type}
                      size="xs"
                      variant="light"
                      onClick={() =>
                        set({ buttons: [...s.buttons, { type, text: '', value: '', example: '' }] })
                      }
                    >
                      {t('templates.builder.add', {
                        type: t(`templates.builder.buttonTypes.${type}`),
                      })}
                    </Button>
                  ))}
                </Group>
              </Group>
              {s.buttons.map((b, i) => {
                const update = (patch: Partial<typeof b>): void =>
                  set({ buttons: s.buttons.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  <Group key={i} align="flex-end" mb="xs" data-testid={`button-${i}`}>
                    <Text size="sm" w={120}>
                      {t(`templates.builder.buttonTypes.${b.type}`)}
                    </Text>
                    {b.type !== 'COPY_CODE' && (
                      <TextInput
                        label={t('templates.builder.text')}
                        value={b.text}
                        onChange={(e) => update({ text: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'URL' && (
                      <TextInput
                        label={t('templates.builder.url')}
                        dir="ltr"
                        placeholder={buttonUrlExample}
                        value={b.value}
                        onChange={(e) => update({ value: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'URL' && variablesIn(b.value).length > 0 && (
                      <TextInput
                        label={t('templates.builder.exampleSuffix')}
                        value={b.example}
                        onChange={(e) => update({ example: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'PHONE_NUMBER' && (
                      <TextInput
                        label={t('templates.builder.phone')}
                        dir="ltr"
                        placeholder={buttonPhoneExample}
                        value={b.value}
                        onChange={(e) => update({ value: normaliseDigits(e.currentTarget.value) })}
                      />
                    )}
                    {b.type === 'COPY_CODE' && (
                      <TextInput
                        label={t('templates.builder.exampleCode')}
                        value={b.value}
                        onChange={(e) => update({ value: e.currentTarget.value })}
                      />
                    )}
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('templates.builder.removeButton')}
                      onClick={() => set({ buttons: s.buttons.filter((_, j) => j !== i) })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                );
              })}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <TemplatePreview
              components={components}
              language={language}
              mediaPreview={
                s.media !== null && s.media.format === s.headerKind
                  ? { url: s.media.previewUrl, fileName: s.media.fileName }
                  : undefined
              }
            />
            <Card withBorder data-testid="lint-panel">
              {lint?.ok === true && issues.length === 0 && (
                <Text c="green">{t('templates.builder.ready')}</Text>
              )}
              {issues.length > 0 && (
                <List size="sm" spacing={4}>
                  {issues.map((issue, i) => (
                    <List.Item
                      key={`${issue.code}-${i}`}
                      c={issue.severity === 'error' ? 'red' : 'orange'}
                      data-testid="lint-issue"
                    >
                      {/* By code, with the server's values; a code this build does not know
                          yet (a newer server) falls back to the server's English message. */}
                      {t(`templates.lint.${issue.code as TemplateLintCode}`, {
                        ...issue.params,
                        defaultValue: issue.message,
                      })}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
            {error !== null && <Alert color="red">{error}</Alert>}
            <Button
              disabled={lint?.ok !== true || account === null}
              loading={actions.submit.isPending}
              onClick={() => void submit()}
            >
              {t('templates.builder.submit')}
            </Button>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
