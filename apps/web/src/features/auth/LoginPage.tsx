import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseDigits } from '../../i18n/digits';
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import type { SessionState } from '@kiana/contracts';
import { ApiError } from '../../api/client';
import { authApi } from './auth.api';
import { AuthCard } from './AuthCard';

/** Sign-in: username and password, then the authenticator code when 2FA is on. */
export function LoginPage({ onSignedIn }: { onSignedIn(state: SessionState): void }) {
  const { t } = useTranslation();
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
            : { totpCode: normaliseDigits(code).replace(/\s/g, '') }
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
      title={t('auth.signInTitle')}
      width={380}
      error={error}
      errorFallback={t('auth.signInFailed')}
      onSubmit={submit}
    >
      {step === 'password' ? (
        <>
          <TextInput
            label={t('auth.username')}
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </>
      ) : (
        <>
          <Text size="sm">{useRecovery ? t('auth.enterRecovery') : t('auth.enterCode')}</Text>
          <TextInput
            label={useRecovery ? t('auth.recoveryCode') : t('auth.authCode')}
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
            {useRecovery ? t('auth.useApp') : t('auth.useRecovery')}
          </Anchor>
        </>
      )}
      <Button type="submit" loading={busy}>
        {step === 'password' ? t('auth.signIn') : t('auth.verify')}
      </Button>
    </AuthCard>
  );
}
