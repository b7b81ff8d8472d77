import { Alert } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/i18n';
import { ApiError } from '../api/client';

/**
 * What to tell the user about a failure: the translation of the API error's stable code
 * when the catalogue has one (`errors.<code>`), else the server's own (English) message; a
 * string as it is (a check the form made itself); otherwise the fallback.
 */
export function apiErrorMessage(error: unknown, t: TFunction, fallback?: string): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    return i18n.exists(key) ? (t(key as 'errors.unknown') as string) : error.message;
  }
  if (typeof error === 'string') return error;
  return fallback ?? t('errors.unknown');
}

/** A red alert with the failure's message; nothing while `error` is null or undefined. */
export function ApiErrorAlert({ error, fallback }: { error: unknown; fallback?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" role="alert">
      {apiErrorMessage(error, t, fallback)}
    </Alert>
  );
}

/** A red notification with the failure's message; pass it as a mutation's `onError`. */
export function notifyApiError(error: unknown): void {
  const message = apiErrorMessage(error, i18n.t);
  // Imported on demand: this module is on the sign-in page, the notification stack is not
  // (the signed-in app has already loaded it, so this resolves at once).
  void import('@mantine/notifications').then(({ notifications }) =>
    notifications.show({
      color: 'red',
      message,
      // Mantine's close button has no name of its own (axe: button-name).
      closeButtonProps: { 'aria-label': i18n.t('common.close') },
    }),
  );
}
