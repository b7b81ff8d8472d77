import { useState, type FormEvent } from 'react';
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import type { SessionState } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { authApi } from './auth.api';
import { AuthCard } from './AuthCard';

/** Sign-in: username and password, then the authenticator code when 2FA is on. */
export function LoginPage({ onSignedIn }: { onSignedIn(state: SessionState): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<unknown>();
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
        setError(e);
        if (e instanceof ApiError && e.code === 'invalid_credentials') setStep('password');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Sign in to Kiana"
      width={380}
      error={error}
      errorFallback="Could not sign in. Try again."
      onSubmit={submit}
    >
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
    </AuthCard>
  );
}
