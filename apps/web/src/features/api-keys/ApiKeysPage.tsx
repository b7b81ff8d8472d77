import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKeyScopes, type ApiKeyScope } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { authApi } from '../auth/auth.api';

const scopeHelp: Record<ApiKeyScope, string> = {
  read: 'read templates, contacts, campaigns, conversations, logs, analytics',
  send: 'reply in conversations and run campaigns',
  manage: 'change templates and contacts',
};

function NewKeyModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [secret, setSecret] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: () => authApi.createApiKey({ name, scopes: scopes as ApiKeyScope[] }),
    onSuccess: async (result) => {
      setSecret(result.secret);
      await client.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const close = () => {
    setSecret(undefined);
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New API key">
      {secret === undefined ? (
        <Stack>
          <ApiErrorAlert error={create.error} />
          <TextInput
            label="Name"
            description="What uses it, e.g. CRM sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Checkbox.Group label="Scopes" value={scopes} onChange={setScopes}>
            <Stack gap={6} mt={6}>
              {apiKeyScopes.map((s) => (
                <Checkbox key={s} value={s} label={`${s} — ${scopeHelp[s]}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button
            loading={create.isPending}
            disabled={name.trim() === '' || scopes.length === 0}
            onClick={() => create.mutate()}
          >
            Create key
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Alert color="yellow" title="Copy the key now">
            It is shown only this once; the panel keeps only a hash of it.
          </Alert>
          <Code block data-testid="new-api-key">
            {secret}
          </Code>
          <Group>
            <CopyButton value={secret}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
            </CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>.
          </Text>
        </Stack>
      )}
    </Modal>
  );
}

/** API keys for integrations: named, scoped, shown once, revocable. */
export function ApiKeysPage() {
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: authApi.apiKeys });
  const revoke = useMutation({
    mutationFn: authApi.revokeApiKey,
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: notifyApiError,
  });
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let other systems call the panel's API."
        actions={<Button onClick={() => setCreating(true)}>New API key</Button>}
      />
      <NewKeyModal opened={creating} onClose={() => setCreating(false)} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data?.apiKeys ?? []).map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {k.scopes.map((s) => (
                      <Badge key={s} variant="light">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {new Date(k.createdAt).toLocaleString()}
                  {k.createdBy !== null && ` by ${k.createdBy}`}
                </Table.Td>
                <Table.Td>
                  {k.lastUsedAt === null ? 'never' : new Date(k.lastUsedAt).toLocaleString()}
                </Table.Td>
                <Table.Td>
                  {k.revokedAt !== null ? (
                    <Badge color="gray">Revoked</Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => revoke.mutate(k.id)}
                    >
                      Revoke {k.name}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
