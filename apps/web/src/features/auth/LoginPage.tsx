import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { SessionState } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { authApi } from './auth.api';

/** Sign-in: username and password, then the authenticator code when 2FA is on. */
export function LoginPage({ onSignedIn }: { onSignedIn(state: SessionState): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const second =
        step === 'code'
          ? useRecovery
            ? { recoveryCode: code }
            : { totpCode: code.replace(/\s/g, '') }
          : {};
      onSignedIn(await authApi.login({ username, password, ...second }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') {
        setStep('code');
      } else {
        setError(e instanceof ApiError ? e.message : 'Could not sign in. Try again.');
        if (e instanceof ApiError && e.code === 'invalid_credentials') setStep('password');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">
              Sign in to Kiana
            </Title>
            {error !== undefined && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            {step === 'password' ? (
              <>
                <TextInput
                  label="Username"
                  autoComplete="username"
                  required
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
              </>
            ) : (
              <>
                <Text size="sm">
                  {useRecovery
                    ? 'Enter one of your recovery codes. Each works once.'
                    : 'Enter the 6-digit code from your authenticator app.'}
                </Text>
                <TextInput
                  label={useRecovery ? 'Recovery code' : 'Authentication code'}
                  autoComplete="one-time-code"
                  inputMode={useRecovery ? 'text' : 'numeric'}
                  required
                  autoFocus
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                />
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => setUseRecovery((v) => !v)}
                >
                  {useRecovery ? 'Use the authenticator app instead' : 'Use a recovery code'}
                </Anchor>
              </>
            )}
            <Button type="submit" loading={busy}>
              {step === 'password' ? 'Sign in' : 'Verify'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
