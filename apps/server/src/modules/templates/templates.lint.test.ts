import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DraftComponent, TemplateDraft } from '@kiana/contracts';
import { templateLintCodes } from '@kiana/contracts';
import { lintTemplate } from './templates.lint';

const body = (text: string, examples?: string[]): DraftComponent => ({
  type: 'BODY',
  text,
  ...(examples === undefined ? {} : { example: { body_text: [examples] } }),
});
const draft = (components: DraftComponent[], over: Partial<TemplateDraft> = {}): TemplateDraft => ({
  name: 'order_update',
  language: 'en_US',
  category: 'MARKETING',
  parameterFormat: 'POSITIONAL',
  components,
  ...over,
});
const buttons = (...list: Record<string, unknown>[]): DraftComponent => ({
  type: 'BUTTONS',
  buttons: list as DraftComponent['buttons'],
});
const okBody = body('Hello {{1}}, your order is ready for pickup today.', ['Ana']);

describe('template linting', () => {
  const valid: [string, TemplateDraft][] = [
    ['a plain body', draft([body('Thanks for shopping with us today.')])],
    ['positional variables with examples', draft([okBody])],
    [
      'named variables with examples',
      draft(
        [
          {
            type: 'BODY',
            text: 'Hi {{first_name}}, your table is booked for tonight.',
            example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
          },
        ],
        { parameterFormat: 'NAMED' },
      ),
    ],
    [
      'an image header, footer and every button kind',
      draft([
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aGVsbG8=:x'] } },
        okBody,
        { type: 'FOOTER', text: 'Reply Stop promotions to opt out' },
        buttons(
          { type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}', example: ['A1'] },
          { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100' },
          { type: 'COPY_CODE', example: 'SAVE10' },
          { type: 'QUICK_REPLY', text: 'Stop promotions' },
        ),
      ]),
    ],
    [
      'a text header with one variable',
      draft([
        { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
        okBody,
      ]),
    ],
    ['a location header', draft([{ type: 'HEADER', format: 'LOCATION' }, okBody])],
  ];
  it.each(valid)('accepts %s', (_, d) => {
    const result = lintTemplate(d);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const invalid: [string, TemplateDraft, string, RegExp][] = [
    [
      'an upper-case name',
      draft([okBody], { name: 'Order Update' }),
      'name_format',
      /lower-case letters, digits and underscores/,
    ],
    [
      'a 513-character name',
      draft([okBody], { name: 'a'.repeat(513) }),
      'name_length',
      /limit is 512/,
    ],
    [
      'a bad language code',
      draft([okBody], { language: 'english' }),
      'language',
      /not a WhatsApp language code/,
    ],
    ['no body', draft([{ type: 'FOOTER', text: 'x' }]), 'body_required', /body text is required/],
    [
      'a 1,025-character body',
      draft([body(`Hi ${'a'.repeat(1022)}`)]),
      'body_length',
      /1025 characters; the limit is 1024/,
    ],
    [
      'a 61-character header',
      draft([{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, okBody]),
      'header_length',
      /limit is 60/,
    ],
    [
      'a 61-character footer',
      draft([okBody, { type: 'FOOTER', text: 'f'.repeat(61) }]),
      'footer_length',
      /limit is 60/,
    ],
    [
      'a 26-character button text',
      draft([okBody, buttons({ type: 'QUICK_REPLY', text: 'b'.repeat(26) })]),
      'button_text_length',
      /26 characters; the limit is 25/,
    ],
    [
      'variables out of sequence',
      draft([body('Hello {{1}}, your order {{3}} is ready now.', ['a', 'b'])]),
      'variables_sequence',
      /in order without gaps: \{\{1\}\}, \{\{2\}\}/,
    ],
    [
      'adjacent variables',
      draft([body('Hello {{1}} {{2}} your order is ready for pickup now.', ['a', 'b'])]),
      'variables_adjacent',
      /next to each other/,
    ],
    [
      'a variable at the start',
      draft([body('{{1}}, your order is ready for pickup.', ['Ana'])]),
      'variable_at_edge',
      /may not start or end with a variable/,
    ],
    [
      'a variable at the end',
      draft([body('Your order is ready for pickup, {{1}}', ['Ana'])]),
      'variable_at_edge',
      /may not start or end/,
    ],
    [
      'a missing example',
      draft([body('Hello {{1}}, your order is ready for pickup.')]),
      'example_missing',
      /example value for \{\{1\}\} in the body/,
    ],
    [
      'mixed variable kinds',
      draft([body('Hello {{1}}, your {{item}} is ready for pickup now.', ['a'])]),
      'variables_mixed',
      /mixes numbered and named/,
    ],
    [
      'too many variables for the text',
      draft([body('Hi {{1}} and {{2}} or {{3}}.', ['a', 'b', 'c'])]),
      'variables_dense',
      /too many variables for its length/,
    ],
    [
      'two variables in a text header',
      draft([
        {
          type: 'HEADER',
          format: 'TEXT',
          text: '{{1}} and {{2}}',
          example: { header_text: ['a', 'b'] },
        },
        okBody,
      ]),
      'header_variables',
      /only one variable/,
    ],
    [
      'an image header without example',
      draft([{ type: 'HEADER', format: 'IMAGE' }, okBody]),
      'header_example',
      /Upload an example image/,
    ],
    [
      'a variable in the footer',
      draft([okBody, { type: 'FOOTER', text: 'Bye {{1}}' }]),
      'footer_variables',
      /footer may not contain variables/,
    ],
    [
      'eleven buttons',
      draft([
        okBody,
        buttons(
          ...Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `Option ${i}` })),
        ),
      ]),
      'buttons_count',
      /at most 10 buttons/,
    ],
    [
      'three URL buttons',
      draft([
        okBody,
        buttons(
          ...[1, 2, 3].map((i) => ({ type: 'URL', text: `Link ${i}`, url: 'https://example.com' })),
        ),
      ]),
      'buttons_url_count',
      /at most 2 URL buttons/,
    ],
    [
      'two phone buttons',
      draft([
        okBody,
        buttons(
          { type: 'PHONE_NUMBER', text: 'A', phone_number: '+15550100' },
          { type: 'PHONE_NUMBER', text: 'B', phone_number: '+15550101' },
        ),
      ]),
      'buttons_phone_count',
      /at most one phone-number button/,
    ],
    [
      'interleaved quick replies',
      draft([
        okBody,
        buttons(
          { type: 'QUICK_REPLY', text: 'A' },
          { type: 'URL', text: 'B', url: 'https://e.com' },
          { type: 'QUICK_REPLY', text: 'C' },
        ),
      ]),
      'buttons_grouping',
      /quick-reply buttons together/,
    ],
    [
      'a URL variable in the middle',
      draft([
        okBody,
        buttons({ type: 'URL', text: 'Go', url: 'https://e.com/{{1}}/x', example: ['a'] }),
      ]),
      'button_url_variable',
      /at the end of the URL/,
    ],
    [
      'a 2,001-character URL',
      draft([
        okBody,
        buttons({ type: 'URL', text: 'Go', url: `https://e.com/${'p'.repeat(1987)}` }),
      ]),
      'button_url_length',
      /2001 characters; the limit is 2000/,
    ],
    [
      'a URL variable without example',
      draft([okBody, buttons({ type: 'URL', text: 'Go', url: 'https://e.com/{{1}}' })]),
      'button_url_example',
      /example value for the end of the URL/,
    ],
    [
      'a local phone number',
      draft([okBody, buttons({ type: 'PHONE_NUMBER', text: 'Call', phone_number: '555-0100' })]),
      'button_phone',
      /international format/,
    ],
    [
      'a long offer code',
      draft([okBody, buttons({ type: 'COPY_CODE', example: 'THIS-IS-TOO-LONG-CODE' })]),
      'button_copy_example',
      /up to 15 letters and digits/,
    ],
    [
      'an authentication template',
      draft([okBody], { category: 'AUTHENTICATION' }),
      'category_authentication',
      /create them in WhatsApp Manager/,
    ],
    [
      'named variables in a positional template',
      draft([
        {
          type: 'BODY',
          text: 'Hi {{name}}, welcome to the store.',
          example: { body_text_named_params: [{ param_name: 'name', example: 'A' }] },
        },
      ]),
      'variables_format',
      /need the “named” parameter format/,
    ],
  ];
  it.each(invalid)('refuses %s', (_, d, code, message) => {
    const result = lintTemplate(d);
    expect(result.ok).toBe(false);
    const issue = result.issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue?.severity).toBe('error');
    expect(issue?.message).toMatch(message);
  });

  // Drafts for the codes the cases above do not reach, so that together they emit every code.
  const more: TemplateDraft[] = [
    draft([], { name: '', category: 'OTHER' as TemplateDraft['category'] }),
    draft([{ type: 'CAROUSEL' }, okBody, okBody]),
    draft([okBody, { type: 'HEADER', format: 'STICKER' }]),
    draft([okBody, { type: 'HEADER', format: 'TEXT', text: ' ' }, { type: 'FOOTER', text: '' }]),
    draft([body('Hello {{First}}, your order is ready.', ['Ana'])], { parameterFormat: 'NAMED' }),
    draft([
      okBody,
      buttons(
        { type: 'FLOW', text: 'Go' },
        { type: 'QUICK_REPLY', text: '' },
        { type: 'QUICK_REPLY', text: 'Yes' },
        { type: 'QUICK_REPLY', text: 'Yes' },
        { type: 'URL', text: 'Site', url: 'example.com' },
        { type: 'COPY_CODE', example: 'SAVE10' },
        { type: 'COPY_CODE', example: 'SAVE20' },
      ),
    ]),
    draft([body('Big sale today: come and see the store.')], { category: 'UTILITY' }),
  ];
  const findings = [...invalid.map(([, d]) => d), ...more].flatMap((d) => lintTemplate(d).issues);

  it('emits every listed code and only listed codes', () => {
    const emitted = new Set(findings.map((i) => i.code));
    expect(templateLintCodes.filter((c) => !emitted.has(c))).toEqual([]);
    expect(
      [...emitted].filter((c) => !(templateLintCodes as readonly string[]).includes(c)),
    ).toEqual([]);
  });

  it('passes each value its message shows in params, for the translated message', () => {
    const problems: string[] = [];
    for (const issue of findings) {
      const values = Object.values(issue.params ?? {}).map(String);
      // Variables ({{1}}) and the example phone number are fixed text, not values.
      const shown = issue.message.replace(/\{\{[^}]*\}\}|\+\d+/g, '').match(/\b\d+\b/g) ?? [];
      for (const n of shown)
        if (!values.includes(n)) problems.push(`${issue.code}: ${n} not in params`);
    }
    expect(problems).toEqual([]);
    expect(findings.find((i) => i.code === 'button_text_length')?.params).toEqual({
      button: 1,
      length: 26,
      max: 25,
    });
  });

  it('sends every value the web catalogue fills into its message', () => {
    // The web translates by code; a placeholder the server does not send would show empty.
    const file = fileURLToPath(
      new URL('../../../../web/src/i18n/locales/en/translation.json', import.meta.url),
    );
    const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const lookup = (path: string): unknown =>
      path
        .split('.')
        .reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], catalogue);
    const problems: string[] = [];
    for (const issue of findings) {
      const message = lookup(`templates.lint.${issue.code}`);
      if (typeof message !== 'string') continue; // the web test checks that each code has one
      for (const [, name] of message.matchAll(/\{\{\s*(\w+)/g))
        if (issue.params?.[name ?? ''] === undefined) problems.push(`${issue.code}: ${name}`);
      // `$t(group.{{param}})` names a word by the param's value (IMAGE, body...): it must exist.
      for (const [, group, name] of message.matchAll(/\$t\(([\w.]+)\.\{\{(\w+)\}\}\)/g)) {
        const key = `${group}.${String(issue.params?.[name ?? ''])}`;
        if (typeof lookup(key) !== 'string') problems.push(`${issue.code}: no ${key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('warns when a utility template reads as marketing', () => {
    const result = lintTemplate(
      draft([body('Big sale: 50% off everything this weekend only.')], { category: 'UTILITY' }),
    );
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'category_fit', severity: 'warning' }),
    ]);
  });
});
