import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { graphApiVersions, type AccountDto } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { useAccountActions } from './accounts.api';

/** Add or edit an account. Secrets are write-only: left empty, the stored value stays. */
export function AccountForm({ account, onDone }: { account?: AccountDto; onDone: () => void }) {
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
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const secretHint = (state: AccountDto['accessToken'] | undefined): string =>
    state?.isSet === true ? `Set (${state.hint ?? '…'}); leave empty to keep it` : 'Required';

  return (
    <Stack>
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput
        label="WhatsApp Business Account ID"
        description="WhatsApp Manager → Account tools → Phone numbers (the WABA id above the list)"
        required
        value={wabaId}
        onChange={(e) => setWabaId(e.currentTarget.value)}
      />
      <TextInput label="App ID" value={appId} onChange={(e) => setAppId(e.currentTarget.value)} />
      <Select
        label="Graph API version"
        data={[...graphApiVersions]}
        value={apiVersion}
        onChange={(v) => setApiVersion(v ?? 'v23.0')}
        allowDeselect={false}
      />
      <PasswordInput
        label="Access token"
        description={secretHint(account?.accessToken)}
        required={account === undefined}
        value={accessToken}
        onChange={(e) => setAccessToken(e.currentTarget.value)}
        autoComplete="off"
      />
      <PasswordInput
        label="App secret"
        description={secretHint(account?.appSecret)}
        required={account === undefined}
        value={appSecret}
        onChange={(e) => setAppSecret(e.currentTarget.value)}
        autoComplete="off"
      />
      {error !== null && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button loading={busy} onClick={() => void submit()}>
          {account === undefined ? 'Add account' : 'Save'}
        </Button>
      </Group>
    </Stack>
  );
}
