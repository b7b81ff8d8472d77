import { useEffect, useMemo, useState } from 'react';
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
import type { LintResult } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../app/PageHeader';
import { useAccounts } from '../accounts/accounts.api';
import { TemplatePreview } from './TemplatePreview';
import { lintDraft, useTemplateActions } from './templates.api';
import { emptyBuilder, toComponents, type BuilderState, type HeaderMedia } from './template-draft';
import { HeaderMediaInput } from './HeaderMediaInput';
import { variablesIn } from './template-examples';

const buttonLabels = {
  QUICK_REPLY: 'Quick reply',
  URL: 'Visit website',
  PHONE_NUMBER: 'Call phone number',
  COPY_CODE: 'Copy offer code',
} as const;

/** The template builder: header, body with variables and examples, footer, buttons; live lint; submit. */
export function TemplateBuilderPage() {
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

  // Lint while typing, after a short pause, with the same rules as submission.
  useEffect(() => {
    const timer = setTimeout(() => {
      lintDraft(draft).then(setLint, () => setLint(null));
    }, 350);
    return () => clearTimeout(timer);
  }, [draft]);

  const submit = async (): Promise<void> => {
    if (account === null) return;
    setError(null);
    try {
      await actions.submit.mutateAsync({ ...draft, accountId: account });
      await navigate('/templates');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const issues = lint?.issues ?? [];
  const headerIsMedia = ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(s.headerKind);

  return (
    <>
      <PageHeader
        title="New template"
        description="Build a template; it is checked against Meta’s rules as you type."
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Group grow>
              <Select
                label="Account"
                data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                value={account}
                onChange={setAccountId}
              />
              <Select
                label="Category"
                data={['MARKETING', 'UTILITY', 'AUTHENTICATION']}
                value={category}
                onChange={(v) => setCategory(v ?? 'MARKETING')}
                allowDeselect={false}
              />
            </Group>
            <Group grow>
              <TextInput
                label="Name"
                placeholder="summer_sale_2026"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <TextInput
                label="Language"
                value={language}
                onChange={(e) => setLanguage(e.currentTarget.value)}
              />
            </Group>
            <SegmentedControl
              data={[
                { value: 'POSITIONAL', label: 'Numbered {{1}}' },
                { value: 'NAMED', label: 'Named {{first_name}}' },
              ]}
              value={s.parameterFormat}
              onChange={(v) => set({ parameterFormat: v === 'NAMED' ? 'NAMED' : 'POSITIONAL' })}
            />
            <Card withBorder>
              <Text fw={600} mb="xs">
                Header
              </Text>
              <SegmentedControl
                data={['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].map((v) => ({
                  value: v,
                  label: v.charAt(0) + v.slice(1).toLowerCase(),
                }))}
                value={s.headerKind}
                onChange={(v) => set({ headerKind: v as BuilderState['headerKind'] })}
                aria-label="Header type"
              />
              {s.headerKind === 'TEXT' && (
                <Group grow mt="xs">
                  <TextInput
                    label="Header text"
                    value={s.headerText}
                    onChange={(e) => set({ headerText: e.currentTarget.value })}
                  />
                  {variablesIn(s.headerText).length > 0 && (
                    <TextInput
                      label="Example for the variable"
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
                label="Body"
                autosize
                minRows={3}
                description="Variables: {{1}}, {{2}}… or {{first_name}} with the named format."
                value={s.body}
                onChange={(e) => set({ body: e.currentTarget.value })}
              />
              {variablesIn(s.body).map((v) => (
                <TextInput
                  key={v}
                  mt="xs"
                  label={`Example for {{${v}}}`}
                  value={s.bodyExamples[v] ?? ''}
                  onChange={(e) =>
                    set({ bodyExamples: { ...s.bodyExamples, [v]: e.currentTarget.value } })
                  }
                />
              ))}
              <TextInput
                mt="xs"
                label="Footer (optional)"
                value={s.footer}
                onChange={(e) => set({ footer: e.currentTarget.value })}
              />
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>Buttons</Text>
                <Group gap="xs">
                  {(Object.keys(buttonLabels) as (keyof typeof buttonLabels)[]).map((type) => (
                    <Button
                      key={type}
                      size="xs"
                      variant="light"
                      onClick={() =>
                        set({ buttons: [...s.buttons, { type, text: '', value: '', example: '' }] })
                      }
                    >
                      + {buttonLabels[type]}
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
                      {buttonLabels[b.type]}
                    </Text>
                    {b.type !== 'COPY_CODE' && (
                      <TextInput
                        label="Text"
                        value={b.text}
                        onChange={(e) => update({ text: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'URL' && (
                      <TextInput
                        label="URL"
                        placeholder="https://…/{{1}}"
                        value={b.value}
                        onChange={(e) => update({ value: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'URL' && variablesIn(b.value).length > 0 && (
                      <TextInput
                        label="Example suffix"
                        value={b.example}
                        onChange={(e) => update({ example: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'PHONE_NUMBER' && (
                      <TextInput
                        label="Phone"
                        placeholder="+15550100"
                        value={b.value}
                        onChange={(e) => update({ value: e.currentTarget.value })}
                      />
                    )}
                    {b.type === 'COPY_CODE' && (
                      <TextInput
                        label="Example code"
                        value={b.value}
                        onChange={(e) => update({ value: e.currentTarget.value })}
                      />
                    )}
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label="Remove button"
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
              mediaPreview={
                s.media !== null && s.media.format === s.headerKind
                  ? { url: s.media.previewUrl, fileName: s.media.fileName }
                  : undefined
              }
            />
            <Card withBorder data-testid="lint-panel">
              {lint?.ok === true && issues.length === 0 && (
                <Text c="green">Ready to submit: no problems found.</Text>
              )}
              {issues.length > 0 && (
                <List size="sm" spacing={4}>
                  {issues.map((issue, i) => (
                    <List.Item
                      key={`${issue.code}-${i}`}
                      c={issue.severity === 'error' ? 'red' : 'orange'}
                      data-testid="lint-issue"
                    >
                      {issue.message}
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
              Submit for review
            </Button>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
