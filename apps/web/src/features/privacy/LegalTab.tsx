import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Grid,
  Group,
  List,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Typography,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  directionOf,
  legalMessages,
  legalPages,
  panelLanguageNames,
  panelLanguages,
  panelLanguageSchema,
  type LegalOverview,
  type LegalPage,
  type LegalPageState,
  type LegalSettings,
  type PanelLanguage,
} from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { useLocale } from '../../i18n/locale-context';
import { privacyApi, privacyKeys } from './privacy.api';

/**
 * Company details and the Markdown of each public legal page per language, with a live
 * preview, and which languages still lack a version in force.
 */
export function LegalTab() {
  const { t } = useTranslation();
  const { settings: locale } = useLocale();
  const [language, setLanguage] = useState<PanelLanguage>('en');
  const overview = useQuery({
    queryKey: privacyKeys.legalIn(language),
    queryFn: () => privacyApi.legal(language),
  });
  const [page, setPage] = useState<LegalPage>('privacy');
  if (overview.isLoading || overview.data === undefined)
    return <Loader aria-label={t('common.loading')} />;
  const state = overview.data.pages.find((p) => p.page === page);
  const titles = legalMessages[locale.language].pageTitles;
  return (
    <Stack>
      <CompanyForm settings={overview.data.settings} />
      <MissingTranslations coverage={overview.data.coverage} />
      <Group align="flex-end">
        <Select
          label={t('privacy.legal.language')}
          data={panelLanguages.map((l) => ({ value: l, label: panelLanguageNames[l] }))}
          value={language}
          allowDeselect={false}
          onChange={(v) => {
            const parsed = panelLanguageSchema.safeParse(v);
            if (parsed.success) setLanguage(parsed.data);
          }}
          data-testid="legal-language"
        />
        <SegmentedControl
          data={legalPages.map((p) => ({ value: p, label: titles[p] }))}
          value={page}
          onChange={(v) => setPage(v as LegalPage)}
          aria-label={t('privacy.legal.pageToEdit')}
        />
      </Group>
      {state !== undefined && (
        <PageEditor key={`${page}-${language}`} state={state} language={language} />
      )}
    </Stack>
  );
}

/** Per page, the languages whose visitors would read another language's text. */
function MissingTranslations({ coverage }: { coverage: LegalOverview['coverage'] }) {
  const { t } = useTranslation();
  const { settings: locale } = useLocale();
  const gaps = coverage.filter((c) => c.missing.length > 0);
  if (gaps.length === 0)
    return (
      <Alert color="green" data-testid="legal-coverage">
        {t('privacy.legal.allTranslated')}
      </Alert>
    );
  return (
    <Alert color="yellow" title={t('privacy.legal.missingTitle')} data-testid="legal-coverage">
      <Text size="sm" mb={4}>
        {t('privacy.legal.missingHint')}
      </Text>
      <List size="sm">
        {gaps.map((c) => (
          <List.Item key={c.page}>
            {legalMessages[locale.language].pageTitles[c.page]}:{' '}
            {c.missing.map((l) => panelLanguageNames[l]).join(', ')}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function CompanyForm({ settings }: { settings: LegalSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState(settings);
  const save = useMutation({
    mutationFn: () => privacyApi.saveLegalSettings(form),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.legal }),
  });
  const field = (key: keyof LegalSettings, label: string) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
    />
  );
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('privacy.legal.company')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {field('companyName', t('privacy.legal.companyName'))}
        {field('contactEmail', t('privacy.legal.contactEmail'))}
        {field('address', t('privacy.legal.address'))}
        {field('supportHours', t('privacy.legal.supportHours'))}
      </SimpleGrid>
      <ApiErrorAlert error={save.error} />
      <Group justify="flex-end" mt="md">
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={JSON.stringify(form) === JSON.stringify(settings)}
        >
          {t('privacy.legal.saveDetails')}
        </Button>
      </Group>
    </Card>
  );
}

const today = (): string => new Date().toISOString().slice(0, 10);

function PageEditor({ state, language }: { state: LegalPageState; language: PanelLanguage }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const client = useQueryClient();
  const [markdown, setMarkdown] = useState(state.current?.markdown ?? state.defaultMarkdown);
  const [effectiveAt, setEffectiveAt] = useState(today());
  const [debounced] = useDebouncedValue(markdown, 400);
  const [html, setHtml] = useState('');
  useEffect(() => {
    let live = true;
    privacyApi
      .previewMarkdown(state.page, language, debounced)
      .then((r) => {
        if (live) setHtml(r.html);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [debounced, state.page, language]);
  const publish = useMutation({
    mutationFn: () => privacyApi.publish(state.page, language, markdown, effectiveAt),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.legal }),
  });
  // The text is written in the page's language, whatever the panel's language is.
  const textDir = directionOf(language);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('privacy.legal.placeholders')}{' '}
        {state.placeholders.map((p) => (
          <Code key={p} me={4} dir="ltr">{`{{${p}}}`}</Code>
        ))}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Textarea
            label={t('privacy.legal.markdown', { title: state.title })}
            value={markdown}
            onChange={(e) => setMarkdown(e.currentTarget.value)}
            autosize
            minRows={18}
            maxRows={40}
            lang={language}
            dir={textDir}
            styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={500} mb={4}>
            {t('templates.preview.label')}
          </Text>
          <Card withBorder data-testid="legal-preview" lang={language} dir={textDir}>
            {/* The server renders with raw HTML disabled (markdown-it html: false), so this is safe to inject. */}
            <Typography>
              <div dangerouslySetInnerHTML={{ __html: html }} />
            </Typography>
          </Card>
        </Grid.Col>
      </Grid>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('privacy.legal.effectiveDate')}
          value={effectiveAt}
          min={today()}
          onChange={(e) => setEffectiveAt(e.currentTarget.value)}
        />
        <Button onClick={() => publish.mutate()} loading={publish.isPending}>
          {t('privacy.legal.publish')}
        </Button>
        <Anchor href={`/legal/${state.page}?lang=${language}`} target="_blank" rel="noreferrer">
          {t('privacy.legal.viewPublic')}
        </Anchor>
      </Group>
      <ApiErrorAlert error={publish.error} />
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('privacy.legal.versions')}
        </Title>
        {state.versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {language === 'en' ? t('privacy.legal.builtIn') : t('privacy.legal.noVersion')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.version')}</Table.Th>
                <Table.Th>{t('privacy.legal.effective')}</Table.Th>
                <Table.Th>{t('privacy.legal.published')}</Table.Th>
                <Table.Th>{t('privacy.legal.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.versions.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {fmt.number(v.version)}
                    {state.current?.id === v.id && ` ${t('privacy.legal.inForce')}`}
                  </Table.Td>
                  <Table.Td>{fmt.date(v.effectiveAt)}</Table.Td>
                  <Table.Td>{fmt.dateTime(v.publishedAt)}</Table.Td>
                  <Table.Td>
                    <bdi>{v.publishedBy ?? '—'}</bdi>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
