import { variablePattern, type DraftComponent } from '@kiana/contracts';
import { slotsOf, type Slot } from '../campaigns/campaigns.format';

/** The text parameters an agent types for a template: every header and body variable. */
export function textParameters(components: readonly DraftComponent[]): Slot[] {
  return slotsOf(components).filter((s) => s.where !== 'button');
}

/**
 * The components with the typed values in place, for the template preview: a parameter not
 * yet typed keeps its example (or stays visible as `{{name}}`).
 */
export function withParameters(
  components: readonly DraftComponent[],
  values: Readonly<Record<string, string>>,
): DraftComponent[] {
  return components.map((c) => {
    const type = c.type.toUpperCase();
    if (type !== 'HEADER' && type !== 'BODY') return c;
    const where = type === 'HEADER' ? 'header' : 'body';
    const text = c.text?.replace(variablePattern, (whole, name: string) => {
      const v = values[`${where}.${name}`]?.trim();
      return v === undefined || v === '' ? whole : v;
    });
    const typed = Object.keys(values).some((k) => k.startsWith(`${where}.`) && values[k] !== '');
    if (!typed) return c;
    // Typed values replace the examples; untyped ones show as {{name}} to be filled.
    const { example: _example, ...rest } = c;
    return { ...rest, text };
  });
}

/** Only the parameters the template has, so a value left from another template is not sent. */
export function parametersFor(
  slots: readonly Slot[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(slots.map((s) => [s.key, values[s.key] ?? '']));
}
