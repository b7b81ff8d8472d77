import { ApiError } from '../api/client';

/** `body.attributes.birthday` → `attributes.birthday`. */
const formField = (field: string) => field.replace(/^body\./, '');

/**
 * The API's field errors by form field (`phone`), so a form shows each beside its input.
 * Two shapes arrive: schema validation lists `details: [{ field: 'body.phone', message }]`;
 * a service's ValidationError or ConflictError names one field, `details: { field }`, and
 * its message is the error's. Anything else gives none and is shown as a whole.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const { details } = error;
  const out: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const item of details as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { field, message } = item as { field?: unknown; message?: unknown };
      if (typeof field !== 'string' || typeof message !== 'string') continue;
      // The first message of a field wins.
      out[formField(field)] ??= message;
    }
  } else if (typeof details === 'object' && details !== null) {
    const { field } = details as { field?: unknown };
    if (typeof field === 'string') out[formField(field)] = error.message;
  }
  return out;
}
