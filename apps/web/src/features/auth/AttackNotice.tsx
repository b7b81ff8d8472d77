import { useState } from 'react';
import { Alert } from '@mantine/core';

/**
 * Tells a signed-in user that someone failed to sign in as them recently (from any
 * address): their account may be under a password-guessing attack.
 */
export function AttackNotice({ count }: { count: number }) {
  const [dismissed, setDismissed] = useState(false);
  if (count === 0 || dismissed) return null;
  return (
    <Alert
      color="red"
      title="Failed sign-ins on your account"
      withCloseButton
      onClose={() => setDismissed(true)}
      role="alert"
    >
      Failed sign-in attempts on your account in the last hour: {count}. If they were not yours,
      someone may be guessing your password: see the security log.
    </Alert>
  );
}
