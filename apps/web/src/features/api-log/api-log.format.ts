import type { GraphApiCall } from '@kiana/contracts';

/** Badge colour of an error class: throttling and transient failures are not the caller's fault. */
export function classColor(classification: string | null): string {
  switch (classification) {
    case null:
      return 'green';
    case 'retryable':
    case 'throttled':
    case 'pair-limited':
      return 'yellow';
    case 'unknown-outcome':
      return 'orange';
    default:
      return 'red';
  }
}

/** `200`, `401 · 190/463` or (in the UI language) `no answer`. */
export function statusLabel(call: GraphApiCall, noAnswer: string): string {
  const status = call.httpStatus === null ? noAnswer : String(call.httpStatus);
  if (call.errorCode === null) return status;
  const code =
    call.errorSubcode === null ? call.errorCode : `${call.errorCode}/${call.errorSubcode}`;
  return `${status} · ${code}`;
}

/** Epoch ms of a `datetime-local` input value, or undefined when empty. */
export function localTime(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
