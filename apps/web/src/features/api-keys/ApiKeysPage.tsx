import { bearerExample } from '../../app/literals';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/locale-context';
import {
  Badge,
  Button,
  Checkbox,
  Code,
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
import { ScrollTable } from '../../app/ScrollTable';
import { SecretShownOnce } from '../../app/SecretShownOnce';

function NewKeyModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
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
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('apiKeys.newKey')}
    >
      {secret === undefined ? (
        <Stack>
          <ApiErrorAlert error={create.error} />
          <TextInput
            label={t('apiKeys.name')}
            description={t('apiKeys.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Checkbox.Group label={t('apiKeys.scopes')} value={scopes} onChange={setScopes}>
            <Stack gap={6} mt={6}>
              {apiKeyScopes.map((s) => (
                <Checkbox key={s} value={s} label={`${s} — ${t(`apiKeys.scopeHelp.${s}`)}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button
            loading={create.isPending}
            disabled={name.trim() === '' || scopes.length === 0}
            onClick={() => create.mutate()}
          >
            {t('apiKeys.create')}
          </Button>
        </Stack>
      ) : (
        <SecretShownOnce
          title={t('apiKeys.copyNow')}
          notice={t('apiKeys.shownOnce')}
          secret={secret}
          testId="new-api-key"
          doneLabel={t('apiKeys.done')}
          onDone={close}
        >
          <Text size="xs" c="dimmed">
            {t('apiKeys.sendAs')} <Code dir="ltr">{bearerExample}</Code>
          </Text>
        </SecretShownOnce>
      )}
    </Modal>
  );
}

/** API keys for integrations: named, scoped, shown once, revocable. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
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
        title={t('userMenu.apiKeys')}
        description={t('apiKeys.description')}
        actions={<Button onClick={() => setCreating(true)}>{t('apiKeys.newKey')}</Button>}
      />
      <NewKeyModal opened={creating} onClose={() => setCreating(false)} />
      <ScrollTable minWidth={720} label={t('userMenu.apiKeys')}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('apiKeys.name')}</Table.Th>
              <Table.Th>{t('apiKeys.key')}</Table.Th>
              <Table.Th>{t('apiKeys.scopes')}</Table.Th>
              <Table.Th>{t('apiKeys.created')}</Table.Th>
              <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
              <Table.Th>{t('apiKeys.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data?.apiKeys ?? []).map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <bdi>{k.name}</bdi>
                </Table.Td>
                <Table.Td>
                  <Code dir="ltr">{`${k.prefix}…`}</Code>
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
                  {k.createdBy === null
                    ? fmt.dateTime(k.createdAt)
                    : t('apiKeys.createdBy', { when: fmt.dateTime(k.createdAt), who: k.createdBy })}
                </Table.Td>
                <Table.Td>
                  {k.lastUsedAt === null ? t('common.never') : fmt.dateTime(k.lastUsedAt)}
                </Table.Td>
                <Table.Td>
                  {k.revokedAt !== null ? (
                    <Badge color="gray">{t('apiKeys.revoked')}</Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => revoke.mutate(k.id)}
                    >
                      {t('apiKeys.revoke', { name: k.name })}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </>
  );
}
