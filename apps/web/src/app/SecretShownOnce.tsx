import { Alert, Button, Code, CopyButton, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server will never show again (an API key, a webhook signing secret): the
 * warning, the value in a copyable block and a button to close. `children` adds a hint below.
 */
export function SecretShownOnce({
  title,
  notice,
  secret,
  testId,
  doneLabel,
  onDone,
  children,
}: {
  title: string;
  notice: string;
  secret: string;
  testId: string;
  doneLabel: string;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow" title={title}>
        {notice}
      </Alert>
      <Code block data-testid={testId} dir="ltr">
        {secret}
      </Code>
      <Group>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          {doneLabel}
        </Button>
      </Group>
      {children}
    </Stack>
  );
}
