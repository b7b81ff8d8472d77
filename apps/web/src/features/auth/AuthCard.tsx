import type { FormEvent, ReactNode } from 'react';
import { Center, Paper, Stack, Title } from '@mantine/core';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';

/** The centred card of the pages shown before sign-in: a title, an introduction, the error, then the form. */
export function AuthCard({
  title,
  intro,
  width,
  error,
  errorFallback,
  onSubmit,
  children,
}: {
  title: string;
  intro?: ReactNode;
  width: number;
  error: unknown;
  errorFallback: string;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={width} component="main">
        <form onSubmit={onSubmit}>
          <Stack>
            <Title order={1} size="h3">
              {title}
            </Title>
            {intro}
            <ApiErrorAlert error={error} fallback={errorFallback} />
            {children}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
