import type { DraftComponent } from './templates';

// Reading variables out of template text, shared by the server's linter and renderer and
// the web builder's preview.

/** `{{1}}` or `{{first_name}}` (Meta allows spaces inside the braces on listing, not on create). */
export const variablePattern = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Every variable occurrence in order, repeats included. */
export function variableOccurrences(text: string | undefined): string[] {
  if (text === undefined) return [];
  return [...text.matchAll(variablePattern)].map((m) => m[1] ?? '');
}

/** The distinct variables of a text in order of first use. */
export function variablesIn(text: string | undefined): string[] {
  return [...new Set(variableOccurrences(text))];
}

/** The first component of a type (Meta types are upper case). */
export function componentOf(
  components: readonly DraftComponent[],
  type: string,
): DraftComponent | undefined {
  return components.find((c) => c.type.toUpperCase() === type);
}

/** Positional example values (`example.body_text[0]`, `example.header_text`) by variable. */
export function positionalExamples(
  component: DraftComponent | undefined,
  where: 'body' | 'header',
): string[] {
  const example = component?.example as Record<string, unknown> | undefined;
  if (where === 'body') {
    const rows = example?.body_text;
    const first = Array.isArray(rows) ? (rows[0] as unknown) : undefined;
    return Array.isArray(first) ? first.map((v) => (typeof v === 'string' ? v : '')) : [];
  }
  const header = example?.header_text;
  return Array.isArray(header) ? header.map((v) => (typeof v === 'string' ? v : '')) : [];
}

/** Named example values (`example.body_text_named_params`) by parameter name. */
export function namedExamples(
  component: DraftComponent | undefined,
  where: 'body' | 'header',
): Map<string, string> {
  const example = component?.example as Record<string, unknown> | undefined;
  const list = example?.[where === 'body' ? 'body_text_named_params' : 'header_text_named_params'];
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { param_name: name, example: value } = item as {
      param_name?: unknown;
      example?: unknown;
    };
    if (typeof name === 'string') out.set(name, typeof value === 'string' ? value : '');
  }
  return out;
}

/** The example value of each variable, by name, whatever the parameter format. */
export function examplesOf(
  component: DraftComponent | undefined,
  where: 'body' | 'header',
): Map<string, string> {
  const named = namedExamples(component, where);
  if (named.size > 0) return named;
  const out = new Map<string, string>();
  positionalExamples(component, where).forEach((v, i) => out.set(String(i + 1), v));
  return out;
}
