import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { TotpSetup } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { authApi } from '../auth/auth.api';

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <Alert color="yellow" title="Save your recovery codes now">
      <Text size="sm" mb="xs">
        Each code signs you in once if you lose your authenticator. They are not shown again.
      </Text>
      <SimpleGrid cols={2} spacing={4} data-testid="recovery-codes">
        {codes.map((c) => (
          <Code key={c}>{c}</Code>
        ))}
      </SimpleGrid>
    </Alert>
  );
}

/** Two-factor authentication: QR enrolment, recovery codes, and turning it off. */
export function TotpSection({
  enabled,
  onChange,
}: {
  enabled: boolean;
  onChange(): Promise<void> | void;
}) {
  const [setup, setSetup] = useState<TotpSetup | undefined>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Group>
        <Title order={3} size="h4">
          Two-factor authentication
        </Title>
        <Badge color={enabled ? 'green' : 'gray'}>{enabled ? 'On' : 'Off'}</Badge>
      </Group>
      <ApiErrorAlert error={error} />
      {codes !== undefined && <RecoveryCodes codes={codes} />}
      {!enabled && setup === undefined && (
        <Group>
          <Button
            loading={busy}
            onClick={() => run(async () => setSetup(await authApi.startTotp()))}
          >
            Set up two-factor authentication
          </Button>
        </Group>
      )}
      {!enabled && setup !== undefined && (
        <Stack>
          <Text size="sm">
            Scan this QR code with an authenticator app, then enter the code it shows.
          </Text>
          <Image src={setup.qrDataUrl} alt="QR code for your authenticator app" w={220} h={220} />
          <Text size="sm">
            Or enter this key by hand: <Code data-testid="totp-secret">{setup.secret}</Code>
          </Text>
          <Group align="flex-end">
            <TextInput
              label="Code from the app"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <Button
              loading={busy}
              onClick={() =>
                run(async () => {
                  const result = await authApi.confirmTotp(code.replace(/\s/g, ''));
                  setCodes(result.recoveryCodes);
                  setSetup(undefined);
                  setCode('');
                  await onChange();
                })
              }
            >
              Turn on
            </Button>
          </Group>
        </Stack>
      )}
      {enabled && (
        <Stack>
          <Group align="flex-end">
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button
              variant="default"
              loading={busy}
              onClick={() =>
                run(async () => setCodes((await authApi.recoveryCodes(password)).recoveryCodes))
              }
            >
              New recovery codes
            </Button>
          </Group>
          <Group align="flex-end">
            <TextInput
              label="Current code"
              inputMode="numeric"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <Button
              color="red"
              variant="light"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await authApi.disableTotp(password, code.replace(/\s/g, ''));
                  setCode('');
                  setCodes(undefined);
                  await onChange();
                })
              }
            >
              Turn off
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
