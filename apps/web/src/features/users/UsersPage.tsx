import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../i18n/locale-context';
import {
  Badge,
  Button,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roles, type Role, type User } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { authApi } from '../auth/auth.api';
import { useCan, useSession } from '../auth/session';
import { ScrollTable } from '../../app/ScrollTable';

function NewUserModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const roleOptions = roles.map((r) => ({
    value: r,
    label: `${t(`roles.${r}`)} — ${t(`users.roleHelp.${r}`)}`,
  }));
  const create = useMutation({
    mutationFn: () => authApi.createUser({ username, password, role }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
      setUsername('');
      setPassword('');
      onClose();
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('users.newUser')}
    >
      <Stack>
        <ApiErrorAlert error={create.error} />
        <TextInput
          label={t('auth.username')}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('users.initialPassword')}
          description={t('users.initialPasswordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Select
          label={t('users.role')}
          data={roleOptions}
          value={role}
          onChange={(v) => v !== null && setRole(v as Role)}
          allowDeselect={false}
        />
        <Button loading={create.isPending} onClick={() => create.mutate()}>
          {t('users.create')}
        </Button>
      </Stack>
    </Modal>
  );
}

function PolicySwitch() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: ['auth', 'policy'], queryFn: authApi.policy });
  const set = useMutation({
    mutationFn: authApi.setPolicy,
    onSuccess: (data) => client.setQueryData(['auth', 'policy'], data),
    onError: notifyApiError,
  });
  return (
    <Switch
      label={t('users.requireTotp')}
      checked={policy.data?.requireTotp ?? false}
      disabled={policy.isPending}
      onChange={(e) => set.mutate(e.currentTarget.checked)}
    />
  );
}

/** Users and roles: create, change role, deactivate (which signs the user out everywhere). */
export function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const { session } = useSession();
  const isOwner = useCan('security.manage');
  const [creating, setCreating] = useState(false);
  const users = useQuery({ queryKey: ['users'], queryFn: authApi.users });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; isActive?: boolean }) =>
      authApi.updateUser(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
    onError: notifyApiError,
  });
  const canEdit = (u: User) => u.id !== session.user.id && (isOwner || u.role !== 'owner');
  return (
    <>
      <PageHeader
        title={t('userMenu.users')}
        description={t('users.description')}
        actions={<Button onClick={() => setCreating(true)}>{t('users.newUser')}</Button>}
      />
      <NewUserModal opened={creating} onClose={() => setCreating(false)} />
      <Stack>
        {isOwner && (
          <Paper withBorder p="md">
            <PolicySwitch />
          </Paper>
        )}
        <ScrollTable minWidth={720} label={t('userMenu.users')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.user')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.twoFactor')}</Table.Th>
                <Table.Th>{t('users.lastSignIn')}</Table.Th>
                <Table.Th>{t('users.lastFailed')}</Table.Th>
                <Table.Th>{t('users.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.users ?? []).map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text fw={500}>
                      <bdi>{u.displayName}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('users.roleOf', { username: u.username })}
                      data={roles
                        .filter((r) => isOwner || r !== 'owner')
                        .concat(!isOwner && u.role === 'owner' ? ['owner'] : [])
                        .map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      value={u.role}
                      disabled={!canEdit(u)}
                      allowDeselect={false}
                      onChange={(v) => v !== null && update.mutate({ id: u.id, role: v as Role })}
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    {u.totpEnabled ? (
                      <Badge color="green">{t('totp.on')}</Badge>
                    ) : (
                      <Badge color="gray">{t('totp.off')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {u.lastLoginAt === null ? '—' : fmt.dateTime(u.lastLoginAt)}
                    {u.lastLoginIp !== null && (
                      <>
                        {' '}
                        (<Ltr>{u.lastLoginIp}</Ltr>)
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {u.lastFailedLoginAt === null ? '—' : fmt.dateTime(u.lastFailedLoginAt)}
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('users.isActive', { username: u.username })}
                      checked={u.isActive}
                      disabled={!canEdit(u)}
                      onChange={(e) =>
                        update.mutate({ id: u.id, isActive: e.currentTarget.checked })
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </>
  );
}
