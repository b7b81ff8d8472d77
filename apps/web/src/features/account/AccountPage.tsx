import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../i18n/locale-context';
import { PreferencesSection } from './PreferencesSection';
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
import { ScrollTable } from '../../app/ScrollTable';

function PasswordSection() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => authApi.changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      notifications.show({
        color: 'green',
        message: t('account.passwordChanged'),
      });
    },
  });
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('auth.password')}
      </Title>
      <ApiErrorAlert error={change.error} fallback={t('account.passwordFailed')} />
      <Group align="flex-end">
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.passwordLength')}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <Button loading={change.isPending} onClick={() => change.mutate()}>
          {t('account.changePassword')}
        </Button>
      </Group>
    </Stack>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
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
          {t('account.sessions')}
        </Title>
        <Button
          variant="default"
          size="xs"
          onClick={() => revokeOthers.mutate()}
          loading={revokeOthers.isPending}
        >
          {t('account.signOutOthers')}
        </Button>
      </Group>
      <ScrollTable minWidth={560} label={t('account.sessions')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.browser')}</Table.Th>
              <Table.Th>{t('account.ip')}</Table.Th>
              <Table.Th>{t('account.signedIn')}</Table.Th>
              <Table.Th>{t('account.lastSeen')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sessions.data?.sessions ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td title={s.userAgent ?? ''}>
                  {s.browser} {s.isCurrent && <Badge size="xs">{t('account.thisBrowser')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Ltr>{s.ip ?? '—'}</Ltr>
                </Table.Td>
                <Table.Td>{fmt.dateTime(s.createdAt)}</Table.Td>
                <Table.Td>{fmt.dateTime(s.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {!s.isCurrent && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t('userMenu.signOut')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

/** My account: password, two-factor authentication, sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session, refresh } = useSession();
  return (
    <>
      <PageHeader
        title={t('userMenu.account')}
        description={t('account.signedInAs', {
          username: session.user.username,
          role: t(`roles.${session.user.role}`),
        })}
      />
      <Paper withBorder p="lg">
        <Stack gap="xl">
          {session.mustEnrolTotp && <Alert color="yellow">{t('account.mustEnrol')}</Alert>}
          <TotpSection enabled={session.user.totpEnabled} onChange={refresh} />
          <Divider />
          <PasswordSection />
          <Divider />
          <PreferencesSection />
          <Divider />
          <SessionsSection />
          <Text size="xs" c="dimmed">
            {t('account.lastSignIn', {
              when:
                session.user.lastLoginAt === null
                  ? t('common.never')
                  : fmt.dateTime(session.user.lastLoginAt),
            })}{' '}
            {session.user.lastLoginIp !== null && (
              <>
                {t('account.from')} <Ltr>{session.user.lastLoginIp}</Ltr>
              </>
            )}
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
