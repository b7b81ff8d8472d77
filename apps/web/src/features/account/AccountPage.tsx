import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { authApi } from '../auth/auth.api';
import { useSession } from '../auth/session';
import { TotpSection } from './TotpSection';

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => authApi.changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      notifications.show({
        color: 'green',
        message: 'Password changed; your other sessions were signed out.',
      });
    },
  });
  return (
    <Stack>
      <Title order={3} size="h4">
        Password
      </Title>
      <ApiErrorAlert error={change.error} fallback="Could not change the password." />
      <Group align="flex-end">
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password"
          description="12 characters or more"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <Button loading={change.isPending} onClick={() => change.mutate()}>
          Change password
        </Button>
      </Group>
    </Stack>
  );
}

function SessionsSection() {
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: ['account', 'sessions'], queryFn: authApi.sessions });
  const refresh = () => client.invalidateQueries({ queryKey: ['account', 'sessions'] });
  const revoke = useMutation({
    mutationFn: authApi.revokeSession,
    onSuccess: refresh,
    onError: notifyApiError,
  });
  const revokeOthers = useMutation({
    mutationFn: authApi.revokeOtherSessions,
    onSuccess: refresh,
    onError: notifyApiError,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3} size="h4">
          Active sessions
        </Title>
        <Button
          variant="default"
          size="xs"
          onClick={() => revokeOthers.mutate()}
          loading={revokeOthers.isPending}
        >
          Sign out all other sessions
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Browser</Table.Th>
              <Table.Th>IP address</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sessions.data?.sessions ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td title={s.userAgent ?? ''}>
                  {s.browser} {s.isCurrent && <Badge size="xs">This browser</Badge>}
                </Table.Td>
                <Table.Td>{s.ip ?? '—'}</Table.Td>
                <Table.Td>{new Date(s.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{new Date(s.lastSeenAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  {!s.isCurrent && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => revoke.mutate(s.id)}
                    >
                      Sign out
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** My account: password, two-factor authentication, sessions. */
export function AccountPage() {
  const { session, refresh } = useSession();
  return (
    <>
      <PageHeader
        title="My account"
        description={`Signed in as ${session.user.username} (${session.user.role}).`}
      />
      <Paper withBorder p="lg">
        <Stack gap="xl">
          {session.mustEnrolTotp && (
            <Alert color="yellow">
              The owner requires two-factor authentication. Set it up to continue.
            </Alert>
          )}
          <TotpSection enabled={session.user.totpEnabled} onChange={refresh} />
          <Divider />
          <PasswordSection />
          <Divider />
          <SessionsSection />
          <Text size="xs" c="dimmed">
            Last sign-in:{' '}
            {session.user.lastLoginAt === null
              ? 'never'
              : new Date(session.user.lastLoginAt).toLocaleString()}
            {session.user.lastLoginIp !== null && ` from ${session.user.lastLoginIp}`}
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
