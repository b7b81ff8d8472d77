import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../app/ApiErrorAlert';
import { normaliseDigits } from '../../i18n/digits';
import { Alert, Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { graphApiVersions, type AccountDto } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { useAccountActions } from './accounts.api';

/** Add or edit an account. Secrets are write-only: left empty, the stored value stays. */
export function AccountForm({ account, onDone }: { account?: AccountDto; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useAccountActions();
  const [name, setName] = useState(account?.name ?? '');
  const [wabaId, setWabaId] = useState(account?.wabaId ?? '');
  const [appId, setAppId] = useState(account?.appId ?? '');
  const [apiVersion, setApiVersion] = useState(account?.apiVersion ?? 'v23.0');
  const [accessToken, setAccessToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = actions.create.isPending || actions.update.isPending;

  const submit = async (): Promise<void> => {
    setError(null);
    try {
      if (account === undefined) {
        await actions.create.mutateAsync({
          name,
          wabaId,
          appId,
          apiVersion,
          accessToken,
          appSecret,
        });
      } else {
        await actions.update.mutateAsync({
          id: account.id,
          body: {
            name,
            wabaId,
            appId: appId === '' ? null : appId,
            apiVersion,
            ...(accessToken === '' ? {} : { accessToken }),
            ...(appSecret === '' ? {} : { appSecret }),
          },
        });
      }
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? apiErrorMessage(err, t) : String(err));
    }
  };

  const secretHint = (state: AccountDto['accessToken'] | undefined): string =>
    state?.isSet === true
      ? t('whatsapp.secretSet', { hint: state.hint ?? '…' })
      : t('whatsapp.required');

  return (
    <Stack>
      <TextInput
        label={t('apiKeys.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput
        label={t('whatsapp.wabaId')}
        description={t('whatsapp.wabaIdHint')}
        required
        value={wabaId}
        onChange={(e) => setWabaId(normaliseDigits(e.currentTarget.value))}
      />
      <TextInput
        label={t('whatsapp.appId')}
        value={appId}
        onChange={(e) => setAppId(normaliseDigits(e.currentTarget.value))}
      />
      <Select
        label={t('whatsapp.graphVersion')}
        data={[...graphApiVersions]}
        value={apiVersion}
        onChange={(v) => setApiVersion(v ?? 'v23.0')}
        allowDeselect={false}
      />
      <PasswordInput
        label={t('whatsapp.accessToken')}
        description={secretHint(account?.accessToken)}
        required={account === undefined}
        value={accessToken}
        onChange={(e) => setAccessToken(e.currentTarget.value)}
        autoComplete="off"
      />
      <PasswordInput
        label={t('whatsapp.appSecret')}
        description={secretHint(account?.appSecret)}
        required={account === undefined}
        value={appSecret}
        onChange={(e) => setAppSecret(e.currentTarget.value)}
        autoComplete="off"
      />
      {error !== null && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void submit()}>
          {account === undefined ? t('whatsapp.addAccount') : t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
