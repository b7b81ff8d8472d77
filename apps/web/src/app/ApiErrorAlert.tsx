import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';

/**
 * What to tell the user about a failure: the API's own message for an ApiError, a string
 * as it is (a check the form made itself), otherwise the fallback.
 */
export function apiErrorMessage(error: unknown, fallback = 'Something went wrong.'): string {
  if (error instanceof ApiError) return error.message;
  return typeof error === 'string' ? error : fallback;
}

/** A red alert with the failure's message; nothing while `error` is null or undefined. */
export function ApiErrorAlert({ error, fallback }: { error: unknown; fallback?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" role="alert">
      {apiErrorMessage(error, fallback)}
    </Alert>
  );
}

/** A red notification with the failure's message; pass it as a mutation's `onError`. */
export function notifyApiError(error: unknown): void {
  notifications.show({ color: 'red', message: apiErrorMessage(error) });
}
