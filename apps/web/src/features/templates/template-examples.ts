import { examplesOf, variablePattern, type DraftComponent } from '@kiana/contracts';

export { componentOf, variablesIn } from '@kiana/contracts';

/** The text with each `{{var}}` replaced by its example (or left visible when it has none). */
export function fillExamples(c: DraftComponent | undefined, where: 'body' | 'header'): string {
  const examples = examplesOf(c, where);
  return (c?.text ?? '').replace(variablePattern, (whole, name: string) => {
    const v = examples.get(name);
    return v === undefined || v === '' ? whole : v;
  });
}
