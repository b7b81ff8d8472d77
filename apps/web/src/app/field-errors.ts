import { ApiError } from '../api/client';

/**
 * The API's field errors (`details: [{ field, message }]`, e.g. `body.phone`) by form
 * field (`phone`), so a form shows each beside its input. Only validation and conflict
 * answers carry them; anything else gives none and is shown as a whole.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const item of error.details as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, message } = item as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    // `body.attributes.birthday` → `attributes.birthday`; the first message of a field wins.
    const name = field.replace(/^body\./, '');
    out[name] ??= message;
  }
  return out;
}
