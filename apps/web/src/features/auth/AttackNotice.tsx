import { useState } from 'react';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Tells a signed-in user that someone failed to sign in as them recently (from any
 * address): their account may be under a password-guessing attack.
 */
export function AttackNotice({ count }: { count: number }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  if (count === 0 || dismissed) return null;
  return (
    <Alert
      color="red"
      title={t('auth.attackTitle')}
      withCloseButton
      onClose={() => setDismissed(true)}
      role="alert"
    >
      {t('auth.attackBody', { failures: count })}
    </Alert>
  );
}
