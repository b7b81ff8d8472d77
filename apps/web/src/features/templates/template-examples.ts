import type { DraftComponent } from '@kiana/contracts';

// Sample values for the preview: the template's own examples fill its variables.

const variable = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function examplesOf(c: DraftComponent | undefined, where: 'body' | 'header'): Map<string, string> {
  const out = new Map<string, string>();
  const ex = (c?.example ?? {}) as Record<string, unknown>;
  const named = ex[where === 'body' ? 'body_text_named_params' : 'header_text_named_params'];
  if (Array.isArray(named)) {
    for (const item of named as { param_name?: unknown; example?: unknown }[]) {
      if (typeof item.param_name === 'string') out.set(item.param_name, String(item.example ?? ''));
    }
    return out;
  }
  const raw = where === 'body' ? (ex.body_text as unknown[] | undefined)?.[0] : ex.header_text;
  if (Array.isArray(raw)) raw.forEach((v, i) => out.set(String(i + 1), String(v)));
  return out;
}

/** The text with each `{{var}}` replaced by its example (or left visible when it has none). */
export function fillExamples(c: DraftComponent | undefined, where: 'body' | 'header'): string {
  const examples = examplesOf(c, where);
  return (c?.text ?? '').replace(variable, (whole, name: string) => {
    const v = examples.get(name);
    return v === undefined || v === '' ? whole : v;
  });
}

/** The distinct variables of a text in order of first use. */
export function variablesIn(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(variable)].map((m) => m[1] ?? ''))];
}

/** First component of a type. */
export function componentOf(
  components: readonly DraftComponent[],
  type: string,
): DraftComponent | undefined {
  return components.find((c) => c.type.toUpperCase() === type);
}
