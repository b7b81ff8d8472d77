import type { TemplateComponent } from '@kiana/contracts';
import type { TemplateDef } from '../state/model';

// What a template definition expects when it is sent (NOTES §1.2, §4.2).

const variablePattern = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The distinct variable names in a text, in order of first use ("1", "first_name", …). */
export function variablesIn(text: string | undefined): string[] {
  if (text === undefined) return [];
  const names: string[] = [];
  for (const m of text.matchAll(variablePattern)) {
    const name = m[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Replaces `{{name}}` with values; unknown names stay as they are. */
export function fillVariables(text: string, values: Record<string, string>): string {
  return text.replace(variablePattern, (whole, name: string) => values[name] ?? whole);
}

export function component(
  tpl: TemplateDef,
  type: TemplateComponent['type'],
): TemplateComponent | undefined {
  return tpl.components.find((c) => c.type === type);
}

export interface ButtonDef {
  index: number;
  type: string;
  text?: string;
  url?: string;
}

/** Buttons of the template with their 0-based index. */
export function buttonsOf(tpl: TemplateDef): ButtonDef[] {
  return (component(tpl, 'BUTTONS')?.buttons ?? []).map((b, index) => ({
    index,
    type: b.type,
    ...(b.text !== undefined ? { text: b.text } : {}),
    ...(b.url !== undefined ? { url: b.url } : {}),
  }));
}
