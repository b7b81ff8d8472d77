import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { loadLanguage } from '../i18n/i18n';
import en from '../i18n/locales/en/translation.json';
import { FailureReason } from './FailureReason';

function render(code: number): string {
  const html = renderToStaticMarkup(
    createElement(MantineProvider, null, createElement(FailureReason, { code })),
  );
  // Text content only, entities decoded enough for the assertions below.
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('FailureReason', () => {
  // The SPA loads the active language's catalogue on demand, English too.
  beforeAll(() => loadLanguage('en'));

  it('explains a known code and says what to do', async () => {
    await i18n.changeLanguage('en');
    const text = render(131026);
    expect(text).toContain('Error 131026');
    expect(text).toContain(en.failures.explanation.undeliverable);
    expect(text).toContain(en.failures.action.skipNumber);
    expect(text).toContain(en.failures.category.permanent);
  });

  it('finds a code through its documented range', async () => {
    await i18n.changeLanguage('en');
    expect(render(273)).toContain(en.failures.explanation.permission);
  });

  it('answers an unknown code with the generic text naming the code', async () => {
    await i18n.changeLanguage('en');
    const text = render(987654);
    expect(text).toContain('Meta reported error 987654');
    expect(text).toContain(en.failures.action.checkDetails);
    expect(text).toContain(en.failures.category.unknown);
  });
});
