import { useState } from 'react';
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

const roleHelp: Record<Role, string> = {
  owner: 'Everything, including the security policy',
  admin: 'Everything but the security policy and owners',
  agent: 'Inbox, contacts, running campaigns',
  viewer: 'Read only',
};
const roleOptions = roles.map((r) => ({ value: r, label: `${r} — ${roleHelp[r]}` }));

function NewUserModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('agent');
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
    <Modal opened={opened} onClose={onClose} title="New user">
      <Stack>
        <ApiErrorAlert error={create.error} />
        <TextInput
          label="Username"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
        />
        <PasswordInput
          label="Initial password"
          description="12 characters or more; share it safely"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Select
          label="Role"
          data={roleOptions}
          value={role}
          onChange={(v) => v !== null && setRole(v as Role)}
          allowDeselect={false}
        />
        <Button loading={create.isPending} onClick={() => create.mutate()}>
          Create user
        </Button>
      </Stack>
    </Modal>
  );
}

function PolicySwitch() {
  const client = useQueryClient();
  const policy = useQuery({ queryKey: ['auth', 'policy'], queryFn: authApi.policy });
  const set = useMutation({
    mutationFn: authApi.setPolicy,
    onSuccess: (data) => client.setQueryData(['auth', 'policy'], data),
    onError: notifyApiError,
  });
  return (
    <Switch
      label="Require two-factor authentication for everyone"
      checked={policy.data?.requireTotp ?? false}
      disabled={policy.isPending}
      onChange={(e) => set.mutate(e.currentTarget.checked)}
    />
  );
}

/** Users and roles: create, change role, deactivate (which signs the user out everywhere). */
export function UsersPage() {
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
        title="Users and roles"
        description="Who can use the panel, and what each may do."
        actions={<Button onClick={() => setCreating(true)}>New user</Button>}
      />
      <NewUserModal opened={creating} onClose={() => setCreating(false)} />
      <Stack>
        {isOwner && (
          <Paper withBorder p="md">
            <PolicySwitch />
          </Paper>
        )}
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>2FA</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>Last failed sign-in</Table.Th>
                <Table.Th>Active</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.users ?? []).map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text fw={500}>{u.displayName}</Text>
                    <Text size="xs" c="dimmed">
                      {u.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${u.username}`}
                      data={roles
                        .filter((r) => isOwner || r !== 'owner')
                        .concat(!isOwner && u.role === 'owner' ? ['owner'] : [])}
                      value={u.role}
                      disabled={!canEdit(u)}
                      allowDeselect={false}
                      onChange={(v) => v !== null && update.mutate({ id: u.id, role: v as Role })}
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    {u.totpEnabled ? (
                      <Badge color="green">On</Badge>
                    ) : (
                      <Badge color="gray">Off</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {u.lastLoginAt === null
                      ? '—'
                      : `${new Date(u.lastLoginAt).toLocaleString()}${u.lastLoginIp === null ? '' : ` (${u.lastLoginIp})`}`}
                  </Table.Td>
                  <Table.Td>
                    {u.lastFailedLoginAt === null
                      ? '—'
                      : new Date(u.lastFailedLoginAt).toLocaleString()}
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${u.username} is active`}
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
        </Table.ScrollContainer>
      </Stack>
    </>
  );
}
