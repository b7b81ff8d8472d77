import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import type { TemplateDto } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { useAccountActions, useAccounts } from '../accounts/accounts.api';
import { TemplatePreview } from './TemplatePreview';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useTemplateActions, useTemplates } from './templates.api';

const statusColor: Record<string, string> = {
  APPROVED: 'green',
  PENDING: 'blue',
  REJECTED: 'red',
  PAUSED: 'orange',
  DISABLED: 'gray',
};
const statuses = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED'];
const categories = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];

/** Templates: list with filters, sync, WhatsApp-style preview, duplicate and delete. */
export function TemplatesPage() {
  const accounts = useAccounts();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [language, setLanguage] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<TemplateDto | null>(null);
  const [copyLanguage, setCopyLanguage] = useState('');
  const account = accountId ?? accounts.data?.[0]?.id ?? null;
  const templates = useTemplates({
    ...(account === null ? {} : { accountId: account }),
    ...(status === null ? {} : { status }),
    ...(category === null ? {} : { category }),
    ...(language === '' ? {} : { language }),
    ...(search === '' ? {} : { search }),
  });
  const accountActions = useAccountActions();
  const actions = useTemplateActions();
  const fail = notifyApiError;

  return (
    <>
      <PageHeader
        title="Templates"
        description="Approved message templates of your WhatsApp accounts."
        actions={
          <Group>
            <Button
              variant="light"
              disabled={account === null}
              loading={accountActions.syncTemplates.isPending}
              onClick={() =>
                account !== null &&
                accountActions.syncTemplates.mutateAsync(account).then(
                  (r) =>
                    notifications.show({
                      color: 'green',
                      message: `Synced ${r.total} templates.`,
                    }),
                  fail,
                )
              }
            >
              Sync now
            </Button>
            <Button component={Link} to="/templates/new">
              New template
            </Button>
          </Group>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Account"
          data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={account}
          onChange={setAccountId}
          allowDeselect={false}
        />
        <Select
          label="Status"
          data={statuses}
          value={status}
          onChange={setStatus}
          clearable
          placeholder="Any"
        />
        <Select
          label="Category"
          data={categories}
          value={category}
          onChange={setCategory}
          clearable
          placeholder="Any"
        />
        <TextInput
          label="Language"
          placeholder="en_US"
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          w={110}
        />
        <TextInput
          label="Name"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </Group>
      {accounts.data?.length === 0 && (
        <Alert color="blue">
          Connect a WhatsApp account in <Link to="/settings/whatsapp">Settings → WhatsApp</Link>{' '}
          first.
        </Alert>
      )}
      <Table highlightOnHover data-testid="templates-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Language</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Quality</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(templates.data ?? []).map((t) => (
            <Table.Tr
              key={t.id}
              style={{ cursor: 'pointer' }}
              onClick={() => setSelected(t)}
              data-testid={`template-row-${t.name}`}
            >
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>{t.language}</Table.Td>
              <Table.Td>{t.category}</Table.Td>
              <Table.Td>
                <Badge color={statusColor[t.status] ?? 'gray'} data-testid="template-status">
                  {t.status}
                </Badge>
                {t.rejectedReason !== null && (
                  <Text size="xs" c="red">
                    {t.rejectedReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t.qualityScore ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="md"
        title={selected?.name}
      >
        {selected !== null && (
          <Stack>
            <Text size="sm" c="dimmed">
              {selected.language} · {selected.category} · {selected.status} ·{' '}
              {selected.parameterFormat.toLowerCase()} parameters
            </Text>
            <TemplatePreview components={selected.components} />
            <Group align="flex-end">
              <TextInput
                label="Duplicate into language"
                placeholder="es_MX"
                value={copyLanguage}
                onChange={(e) => setCopyLanguage(e.currentTarget.value)}
              />
              <Button
                variant="light"
                disabled={copyLanguage === ''}
                loading={actions.duplicate.isPending}
                onClick={() =>
                  actions.duplicate
                    .mutateAsync({ id: selected.id, language: copyLanguage })
                    .then(() => {
                      notifications.show({
                        color: 'green',
                        message: `Submitted ${selected.name} in ${copyLanguage}.`,
                      });
                      setSelected(null);
                    }, fail)
                }
              >
                Duplicate
              </Button>
            </Group>
            <Group>
              <Button
                color="red"
                variant="light"
                onClick={() =>
                  window.confirm(`Delete ${selected.name} (${selected.language})?`) &&
                  actions.remove
                    .mutateAsync({ id: selected.id, scope: 'language' })
                    .then(() => setSelected(null), fail)
                }
              >
                Delete this language
              </Button>
              <Button
                color="red"
                variant="subtle"
                onClick={() =>
                  window.confirm(`Delete ${selected.name} in every language?`) &&
                  actions.remove
                    .mutateAsync({ id: selected.id, scope: 'all' })
                    .then(() => setSelected(null), fail)
                }
              >
                Delete all languages
              </Button>
            </Group>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
