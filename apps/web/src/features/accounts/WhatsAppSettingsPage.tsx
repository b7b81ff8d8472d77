import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { AccountDto } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { AccountCard } from './AccountCard';
import { AccountForm } from './AccountForm';
import { useAccountActions, useAccounts, useHealthAlerts } from './accounts.api';

/** Settings → WhatsApp: accounts, numbers and their health, webhook set-up. */
export function WhatsAppSettingsPage() {
  const accounts = useAccounts();
  const alerts = useHealthAlerts();
  const actions = useAccountActions();
  const [editing, setEditing] = useState<AccountDto | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title="WhatsApp"
        description="Business accounts, phone numbers, their health and webhook set-up."
        actions={<Button onClick={() => setEditing('new')}>Add account</Button>}
      />
      <Stack>
        {(alerts.data ?? []).map((a) => (
          <Alert
            key={a.id}
            color={a.severity === 'critical' ? 'red' : 'yellow'}
            title={a.kind === 'quality' ? 'Quality dropped' : 'Account health'}
            withCloseButton
            onClose={() => actions.acknowledge.mutate(a.id)}
            data-testid="health-alert"
          >
            {a.message}{' '}
            <Text span size="xs" c="dimmed">
              ({new Date(a.at).toLocaleString()})
            </Text>
          </Alert>
        ))}
        {accounts.isLoading && <Loader />}
        {accounts.error !== null && <Alert color="red">{accounts.error.message}</Alert>}
        {accounts.data?.length === 0 && (
          <Alert color="blue" title="No WhatsApp account yet">
            Add your WhatsApp Business Account with a permanent system-user token to start.
          </Alert>
        )}
        {accounts.data?.map((a) => (
          <AccountCard key={a.id} account={a} onEdit={() => setEditing(a)} />
        ))}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add WhatsApp account' : 'Edit WhatsApp account'}
        size="lg"
      >
        {editing !== null && (
          <AccountForm
            account={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Group mt="md" />
    </>
  );
}
