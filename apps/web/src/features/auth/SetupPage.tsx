import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, PasswordInput, Text, TextInput } from '@mantine/core';
import type { SessionState } from '@kiana/contracts';
import { authApi } from './auth.api';
import { AuthCard } from './AuthCard';

/** First run: no user exists yet, so whoever installed the panel creates the owner. */
export function SetupPage({ onDone }: { onDone(state: SessionState): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError(t('auth.passwordsDiffer'));
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
      title={t('auth.welcome')}
      intro={
        <Text size="sm" c="dimmed">
          {t('auth.setupIntro')}
        </Text>
      }
      width={420}
      error={error}
      errorFallback={t('auth.setupFailed')}
      onSubmit={submit}
    >
      <TextInput
        label={t('auth.username')}
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.currentTarget.value)}
      />
      <TextInput
        label={t('auth.displayName')}
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('auth.password')}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('auth.repeatPassword')}
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
      />
      <Button type="submit" loading={busy}>
        {t('auth.createOwner')}
      </Button>
    </AuthCard>
  );
}
