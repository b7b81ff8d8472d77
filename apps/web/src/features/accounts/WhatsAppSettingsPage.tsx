import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { useFormat } from '../../i18n/locale-context';
import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { AccountDto } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { AccountCard } from './AccountCard';
import { AccountForm } from './AccountForm';
import { useAccountActions, useAccounts, useHealthAlerts } from './accounts.api';

/** Settings → WhatsApp: accounts, numbers and their health, webhook set-up. */
export function WhatsAppSettingsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const accounts = useAccounts();
  const alerts = useHealthAlerts();
  const actions = useAccountActions();
  const [editing, setEditing] = useState<AccountDto | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('settings.whatsapp')}
        description={t('whatsapp.description')}
        actions={<Button onClick={() => setEditing('new')}>{t('whatsapp.addAccount')}</Button>}
      />
      <Stack>
        {(alerts.data ?? []).map((a) => (
          <Alert
            key={a.id}
            color={a.severity === 'critical' ? 'red' : 'yellow'}
            title={
              a.kind === 'quality' ? t('whatsapp.qualityDropped') : t('whatsapp.accountHealth')
            }
            withCloseButton
            onClose={() => actions.acknowledge.mutate(a.id)}
            data-testid="health-alert"
          >
            {a.message}{' '}
            <Text span size="xs" c="dimmed">
              ({fmt.dateTime(a.at)})
            </Text>
          </Alert>
        ))}
        {accounts.isLoading && <Loader aria-label={t('common.loading')} />}
        <ApiErrorAlert error={accounts.error} />
        {accounts.data?.length === 0 && (
          <Alert color="blue" title={t('whatsapp.noAccount')}>
            {t('whatsapp.noAccountHint')}
          </Alert>
        )}
        {accounts.data?.map((a) => (
          <AccountCard key={a.id} account={a} onEdit={() => setEditing(a)} />
        ))}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('whatsapp.addTitle') : t('whatsapp.editTitle')}
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
