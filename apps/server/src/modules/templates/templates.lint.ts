import type {
  DraftButton,
  DraftComponent,
  LintIssue,
  LintResult,
  TemplateDraft,
  TemplateLintCode,
} from '@kiana/contracts';
import { componentOf, examplesOf, variableOccurrences, variablesIn } from '@kiana/contracts';

// Meta's template rules, checked before submission so the user sees a clear message instead
// of a rejection hours later. Limits from NOTES.md §4.2 (body 1,024, header 60, footer 60,
// button text 25, ≤10 buttons, ≤2 URL, ≤1 phone, ≤1 copy-code) and the creation errors
// 2388299 (variable at start or end) and 2388293 (too many variables for the length).

export const limits = {
  name: 512,
  body: 1024,
  header: 60,
  footer: 60,
  buttonText: 25,
  buttons: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  copyCode: 15,
  url: 2000,
} as const;

const namePattern = /^[a-z0-9_]+$/;
const languagePattern = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Za-z]{4})?$/;
const namedVariable = /^[a-z][a-z0-9_]*$/;
const headerFormats = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];
const buttonTypes = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'];
// Words that make Meta classify a "utility" template as marketing (its category guidelines).
const promotional =
  /\b(sale|discount|offer|promo(tion)?|coupon|deal|% ?off|free shipping|buy now|limited time)\b/i;

type Params = NonNullable<LintIssue['params']>;
// `params` carries every value the English message shows, so the web can translate by code.
type Add = (
  code: TemplateLintCode,
  path: string,
  message: string,
  params?: Params,
  severity?: LintIssue['severity'],
) => void;

/** Lints a template draft against Meta's rules; `ok` is false when any error is found. */
export function lintTemplate(draft: TemplateDraft): LintResult {
  const issues: LintIssue[] = [];
  const add: Add = (code, path, message, params, severity = 'error') =>
    issues.push({ code, path, message, severity, ...(params === undefined ? {} : { params }) });
  const format = draft.parameterFormat ?? 'POSITIONAL';
  const components = draft.components;

  lintName(draft.name, add);
  if (!languagePattern.test(draft.language)) {
    add(
      'language',
      'language',
      `“${draft.language}” is not a WhatsApp language code such as en, en_US or pt_BR.`,
      { language: draft.language },
    );
  }
  if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(draft.category)) {
    add('category', 'category', 'Choose a category: Marketing, Utility or Authentication.');
  }

  const seen = new Set<string>();
  components.forEach((c, i) => {
    const type = c.type.toUpperCase();
    if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
      add(
        'component_type',
        `components.${i}`,
        `Unknown component “${c.type}”: use header, body, footer or buttons.`,
        { component: c.type },
      );
    } else if (seen.has(type)) {
      add(
        'component_repeat',
        `components.${i}`,
        `A template has at most one ${type.toLowerCase()}.`,
        { component: type },
      );
    }
    seen.add(type);
  });

  const body = componentOf(components, 'BODY');
  if (body === undefined || (body.text ?? '').trim() === '') {
    add('body_required', 'body', 'The body text is required.');
  } else {
    lintBody(body, format, add);
  }
  const header = componentOf(components, 'HEADER');
  if (header !== undefined) lintHeader(header, format, add);
  const footer = componentOf(components, 'FOOTER');
  if (footer !== undefined) lintFooter(footer, add);
  const buttons = componentOf(components, 'BUTTONS')?.buttons ?? [];
  lintButtons(buttons, add);
  lintCategory(draft, body, buttons, add);
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}

function lintName(name: string, add: Add): void {
  if (name === '') add('name_required', 'name', 'The name is required.');
  else if (!namePattern.test(name)) {
    add(
      'name_format',
      'name',
      'Use only lower-case letters, digits and underscores in the name (e.g. summer_sale_2026).',
    );
  }
  if (name.length > limits.name)
    add(
      'name_length',
      'name',
      `The name is ${name.length} characters; the limit is ${limits.name}.`,
      { length: name.length, max: limits.name },
    );
}

/** Checks variable names, numbering, examples; shared by header and body. */
function lintVariables(
  component: DraftComponent,
  where: 'body' | 'header',
  format: 'POSITIONAL' | 'NAMED',
  add: Add,
): string[] {
  const label = where === 'body' ? 'body' : 'header';
  const vars = variablesIn(component.text);
  const numeric = vars.filter((v) => /^\d+$/.test(v));
  if (numeric.length > 0 && numeric.length < vars.length) {
    add(
      'variables_mixed',
      label,
      `The ${label} mixes numbered and named variables; use one kind only.`,
      { part: label },
    );
    return vars;
  }
  if (format === 'POSITIONAL') {
    if (numeric.length < vars.length) {
      const named = vars.find((v) => !/^\d+$/.test(v)) ?? 'name';
      add(
        'variables_format',
        label,
        `Named variables like {{${named}}} need the “named” parameter format.`,
        { part: label, variable: `{{${named}}}` },
      );
    } else {
      const expected = numeric.map((_, i) => String(i + 1));
      if (numeric.join(',') !== expected.join(',')) {
        add(
          'variables_sequence',
          label,
          `Number the ${label} variables in order without gaps: ${expected.map((v) => `{{${v}}}`).join(', ')}.`,
          { part: label, expected: expected.map((v) => `{{${v}}}`).join(', ') },
        );
      }
    }
  } else {
    if (numeric.length > 0)
      add(
        'variables_format',
        label,
        'Numbered variables like {{1}} need the “positional” parameter format.',
        { part: label, variable: '{{1}}' },
      );
    for (const v of vars.filter((x) => !/^\d+$/.test(x))) {
      if (!namedVariable.test(v)) {
        add(
          'variable_name',
          label,
          `Variable {{${v}}} must start with a lower-case letter and use only lower-case letters, digits and underscores.`,
          { part: label, variable: `{{${v}}}` },
        );
      }
    }
  }
  const examples = examplesOf(component, where);
  for (const v of vars) {
    if ((examples.get(v) ?? '').trim() === '') {
      add(
        'example_missing',
        `${label}.example.${v}`,
        `Give an example value for {{${v}}} in the ${label}.`,
        { part: label, variable: `{{${v}}}` },
      );
    }
  }
  return vars;
}

function lintBody(body: DraftComponent, format: 'POSITIONAL' | 'NAMED', add: Add): void {
  const text = body.text ?? '';
  if (text.length > limits.body)
    add(
      'body_length',
      'body',
      `The body is ${text.length} characters; the limit is ${limits.body}.`,
      { length: text.length, max: limits.body },
    );
  const vars = lintVariables(body, 'body', format, add);
  if (vars.length === 0) return;
  const trimmed = text.trim();
  if (/^\{\{[^}]*\}\}/.test(trimmed) || /\{\{[^}]*\}\}$/.test(trimmed)) {
    // Meta error 2388299: parameters may not be at the start or end of the body.
    add(
      'variable_at_edge',
      'body',
      'The body may not start or end with a variable; add text before and after it.',
    );
  }
  if (/\}\}\s*\{\{/.test(text)) {
    add(
      'variables_adjacent',
      'body',
      'Two variables may not be next to each other; put words between them.',
    );
  }
  // Meta error 2388293: too many variables for the length of the message.
  const words = text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '').length;
  if (words < variableOccurrences(text).length * 2 + 1) {
    add(
      'variables_dense',
      'body',
      'This body has too many variables for its length; add more text around them.',
    );
  }
}

function lintHeader(header: DraftComponent, format: 'POSITIONAL' | 'NAMED', add: Add): void {
  const kind = (header.format ?? 'TEXT').toUpperCase();
  if (!headerFormats.includes(kind)) {
    add(
      'header_format',
      'header',
      `A header is text, image, video, document or location, not “${header.format ?? ''}”.`,
      { format: header.format ?? '' },
    );
    return;
  }
  if (kind === 'TEXT') {
    const text = header.text ?? '';
    if (text.trim() === '')
      add('header_required', 'header', 'The header text is empty; remove the header or write it.');
    if (text.length > limits.header)
      add(
        'header_length',
        'header',
        `The header is ${text.length} characters; the limit is ${limits.header}.`,
        { length: text.length, max: limits.header },
      );
    const vars = lintVariables(header, 'header', format, add);
    if (vars.length > 1)
      add('header_variables', 'header', 'A text header may contain only one variable.');
    return;
  }
  if (kind !== 'LOCATION') {
    const handle = (header.example as { header_handle?: unknown } | undefined)?.header_handle;
    if (!Array.isArray(handle) || typeof handle[0] !== 'string' || handle[0] === '') {
      add(
        'header_example',
        'header.example',
        `Upload an example ${kind.toLowerCase()} for the header; Meta reviews it.`,
        { format: kind },
      );
    }
  }
}

function lintFooter(footer: DraftComponent, add: Add): void {
  const text = footer.text ?? '';
  if (text.trim() === '')
    add('footer_required', 'footer', 'The footer text is empty; remove the footer or write it.');
  if (text.length > limits.footer)
    add(
      'footer_length',
      'footer',
      `The footer is ${text.length} characters; the limit is ${limits.footer}.`,
      { length: text.length, max: limits.footer },
    );
  if (variablesIn(text).length > 0)
    add('footer_variables', 'footer', 'The footer may not contain variables.');
}

function lintButtons(buttons: readonly DraftButton[], add: Add): void {
  if (buttons.length > limits.buttons)
    add('buttons_count', 'buttons', `A template has at most ${limits.buttons} buttons.`, {
      max: limits.buttons,
    });
  const count = (t: string): number => buttons.filter((b) => b.type.toUpperCase() === t).length;
  if (count('URL') > limits.urlButtons)
    add(
      'buttons_url_count',
      'buttons',
      `A template has at most ${limits.urlButtons} URL buttons.`,
      {
        max: limits.urlButtons,
      },
    );
  if (count('PHONE_NUMBER') > limits.phoneButtons)
    add('buttons_phone_count', 'buttons', 'A template has at most one phone-number button.');
  if (count('COPY_CODE') > limits.copyCodeButtons)
    add('buttons_copy_count', 'buttons', 'A template has at most one copy-code button.');
  // Meta groups quick replies apart from call-to-action buttons: no interleaving.
  const kinds = buttons.map((b) => (b.type.toUpperCase() === 'QUICK_REPLY' ? 'q' : 'c')).join('');
  if (/q+c+q|c+q+c/.test(kinds)) {
    add(
      'buttons_grouping',
      'buttons',
      'Keep quick-reply buttons together, before or after the other buttons.',
    );
  }
  const texts = new Set<string>();
  buttons.forEach((b, i) => {
    const path = `buttons.${i}`;
    const type = b.type.toUpperCase();
    if (!buttonTypes.includes(type)) {
      add(
        'button_type',
        path,
        `Button ${i + 1}: “${b.type}” is not a button type the builder supports.`,
        { button: i + 1, type: b.type },
      );
      return;
    }
    const text = b.text ?? '';
    if (type !== 'COPY_CODE') {
      if (text.trim() === '')
        add('button_text', path, `Button ${i + 1} needs a text.`, { button: i + 1 });
      if (text.length > limits.buttonText) {
        add(
          'button_text_length',
          path,
          `Button ${i + 1} text is ${text.length} characters; the limit is ${limits.buttonText}.`,
          { button: i + 1, length: text.length, max: limits.buttonText },
        );
      }
      if (texts.has(text))
        add('button_text_repeat', path, `Button ${i + 1} repeats the text “${text}”.`, {
          button: i + 1,
          text,
        });
      texts.add(text);
    }
    if (type === 'URL') lintUrlButton(b, i, add);
    if (
      type === 'PHONE_NUMBER' &&
      !/^\+[1-9]\d{6,19}$/.test((b.phone_number ?? '').replace(/[\s-]/g, ''))
    ) {
      add(
        'button_phone',
        path,
        `Button ${i + 1}: give the phone number in international format, e.g. +15550100.`,
        { button: i + 1 },
      );
    }
    if (type === 'COPY_CODE') {
      const example = Array.isArray(b.example) ? b.example[0] : b.example;
      if (example === undefined || example === '')
        add('button_copy_example', path, `Button ${i + 1}: give an example offer code.`, {
          button: i + 1,
          max: limits.copyCode,
        });
      else if (example.length > limits.copyCode || !/^[A-Za-z0-9]+$/.test(example)) {
        add(
          'button_copy_example',
          path,
          `Button ${i + 1}: an offer code is up to ${limits.copyCode} letters and digits.`,
          { button: i + 1, max: limits.copyCode },
        );
      }
    }
  });
}

function lintUrlButton(b: DraftButton, i: number, add: Add): void {
  const path = `buttons.${i}`;
  const url = b.url ?? '';
  if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url)) {
    add('button_url', path, `Button ${i + 1}: enter a web address starting with https://.`, {
      button: i + 1,
    });
    return;
  }
  if (url.length > limits.url) {
    add(
      'button_url_length',
      path,
      `Button ${i + 1}: the web address is ${url.length} characters; the limit is ${limits.url}.`,
      { button: i + 1, length: url.length, max: limits.url },
    );
  }
  const vars = variableOccurrences(url);
  if (vars.length > 1 || (vars.length === 1 && vars[0] !== '1')) {
    add(
      'button_url_variable',
      path,
      `Button ${i + 1}: a URL may have one variable, {{1}}, at its end.`,
      { button: i + 1, variable: '{{1}}' },
    );
  } else if (vars.length === 1 && !/\{\{1\}\}$/.test(url)) {
    add(
      'button_url_variable',
      path,
      `Button ${i + 1}: the {{1}} variable must be at the end of the URL.`,
      { button: i + 1, variable: '{{1}}' },
    );
  }
  if (vars.length === 1) {
    const example = Array.isArray(b.example) ? b.example[0] : b.example;
    if (example === undefined || example.trim() === '') {
      add(
        'button_url_example',
        path,
        `Button ${i + 1}: give an example value for the end of the URL.`,
        { button: i + 1 },
      );
    }
  }
}

function lintCategory(
  draft: TemplateDraft,
  body: DraftComponent | undefined,
  buttons: readonly DraftButton[],
  add: Add,
): void {
  if (draft.category === 'AUTHENTICATION') {
    add(
      'category_authentication',
      'category',
      'Authentication templates use Meta’s fixed one-time-code format; create them in WhatsApp Manager.',
    );
    return;
  }
  if (draft.category !== 'UTILITY') return;
  const text = [
    body?.text ?? '',
    ...draft.components.map((c) => (c.type.toUpperCase() === 'HEADER' ? (c.text ?? '') : '')),
  ].join(' ');
  if (promotional.test(text)) {
    add(
      'category_fit',
      'category',
      'This text reads as promotional; Meta will likely classify it as Marketing.',
      undefined,
      'warning',
    );
  }
  if (buttons.some((b) => b.type.toUpperCase() === 'COPY_CODE')) {
    add(
      'category_fit',
      'category',
      'Offer-code buttons belong to Marketing templates.',
      undefined,
      'warning',
    );
  }
}
