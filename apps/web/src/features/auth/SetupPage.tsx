import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Text, TextInput } from '@mantine/core';
import type { SessionState } from '@kiana/contracts';
import { authApi } from './auth.api';
import { AuthCard } from './AuthCard';

/** First run: no user exists yet, so whoever installed the panel creates the owner. */
export function SetupPage({ onDone }: { onDone(state: SessionState): void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await authApi.setup({ username, displayName: displayName || undefined, password }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Welcome to Kiana"
      intro={
        <Text size="sm" c="dimmed">
          Create the owner account. The owner manages users, credentials and the security policy.
        </Text>
      }
      width={420}
      error={error}
      errorFallback="Setup failed. Try again."
      onSubmit={submit}
    >
      <TextInput
        label="Username"
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.currentTarget.value)}
      />
      <TextInput
        label="Display name"
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
      />
      <PasswordInput
        label="Password"
        description="At least 12 characters; a passphrase is best."
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <PasswordInput
        label="Repeat the password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
      />
      <Button type="submit" loading={busy}>
        Create owner and sign in
      </Button>
    </AuthCard>
  );
}
