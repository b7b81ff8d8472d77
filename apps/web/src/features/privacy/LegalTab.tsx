import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Loader,
  SegmentedControl,
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
import {
  legalPages,
  legalPageTitles,
  type LegalPage,
  type LegalPageState,
  type LegalSettings,
} from '@kiana/contracts';
import { privacyApi, privacyKeys } from './privacy.api';

/** Company details and the Markdown of each public legal page, with a live preview. */
export function LegalTab() {
  const overview = useQuery({ queryKey: privacyKeys.legal, queryFn: privacyApi.legal });
  const [page, setPage] = useState<LegalPage>('privacy');
  if (overview.isLoading || overview.data === undefined)
    return <Loader aria-label="Loading legal pages" />;
  const state = overview.data.pages.find((p) => p.page === page);
  return (
    <Stack>
      <CompanyForm settings={overview.data.settings} />
      <SegmentedControl
        data={legalPages.map((p) => ({ value: p, label: legalPageTitles[p] }))}
        value={page}
        onChange={(v) => setPage(v as LegalPage)}
        aria-label="Page to edit"
      />
      {state !== undefined && <PageEditor key={page} state={state} />}
    </Stack>
  );
}

function CompanyForm({ settings }: { settings: LegalSettings }) {
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
        Company details
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {field('companyName', 'Company name')}
        {field('contactEmail', 'Contact email')}
        {field('address', 'Postal address')}
        {field('supportHours', 'Support hours')}
      </SimpleGrid>
      {save.error !== null && (
        <Alert color="red" mt="sm">
          {save.error.message}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={JSON.stringify(form) === JSON.stringify(settings)}
        >
          Save details
        </Button>
      </Group>
    </Card>
  );
}

const today = (): string => new Date().toISOString().slice(0, 10);

function PageEditor({ state }: { state: LegalPageState }) {
  const client = useQueryClient();
  const [markdown, setMarkdown] = useState(state.current?.markdown ?? state.defaultMarkdown);
  const [effectiveAt, setEffectiveAt] = useState(today());
  const [debounced] = useDebouncedValue(markdown, 400);
  const [html, setHtml] = useState('');
  useEffect(() => {
    let live = true;
    privacyApi
      .previewMarkdown(state.page, debounced)
      .then((r) => {
        if (live) setHtml(r.html);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [debounced, state.page]);
  const publish = useMutation({
    mutationFn: () => privacyApi.publish(state.page, markdown, effectiveAt),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.legal }),
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Placeholders:{' '}
        {state.placeholders.map((p) => (
          <Code key={p} mr={4}>{`{{${p}}}`}</Code>
        ))}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Textarea
            label={`${state.title} (Markdown)`}
            value={markdown}
            onChange={(e) => setMarkdown(e.currentTarget.value)}
            autosize
            minRows={18}
            maxRows={40}
            styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={500} mb={4}>
            Preview
          </Text>
          <Card withBorder data-testid="legal-preview">
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
          label="Effective date"
          value={effectiveAt}
          min={today()}
          onChange={(e) => setEffectiveAt(e.currentTarget.value)}
        />
        <Button onClick={() => publish.mutate()} loading={publish.isPending}>
          Publish new version
        </Button>
        <Anchor href={`/legal/${state.page}`} target="_blank" rel="noreferrer">
          View public page
        </Anchor>
      </Group>
      {publish.error !== null && <Alert color="red">{publish.error.message}</Alert>}
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          Versions
        </Title>
        {state.versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            The built-in text is in force; publishing keeps every version with its effective date.
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Effective</Table.Th>
                <Table.Th>Published</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.versions.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.version}
                    {state.current?.id === v.id ? ' (in force)' : ''}
                  </Table.Td>
                  <Table.Td>{new Date(v.effectiveAt).toLocaleDateString()}</Table.Td>
                  <Table.Td>{new Date(v.publishedAt).toLocaleString()}</Table.Td>
                  <Table.Td>{v.publishedBy ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
