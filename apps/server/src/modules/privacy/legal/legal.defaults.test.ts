import { describe, expect, it } from 'vitest';
import { legalPages, panelLanguages } from '@kiana/contracts';
import { defaultLegalMarkdown } from './legal.defaults';

/** What a translation must keep from the English text: placeholders, links, shape. */
function skeleton(markdown: string) {
  const lines = markdown.split('\n');
  return {
    placeholders: [...markdown.matchAll(/\{\{[\w.]+\}\}/g)].map((m) => m[0]).sort(),
    links: [...markdown.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]),
    headings: lines.filter((l) => /^#{1,6} /.test(l)).map((l) => l.split(' ')[0]),
    tableRows: lines.filter((l) => l.startsWith('|')).length,
    listItems: lines.filter((l) => /^(- |\d+\. )/.test(l)).length,
  };
}

describe('built-in legal texts', () => {
  for (const language of panelLanguages.filter((l) => l !== 'en'))
    for (const page of legalPages)
      it(`${page} in ${language} is a translation with the English text's placeholders, links and shape`, () => {
        const text = defaultLegalMarkdown[language][page];
        const english = defaultLegalMarkdown.en[page];
        expect(skeleton(text)).toEqual(skeleton(english));
        // Not the English text, not even in part: no English phrase of five words or more
        // (a sentence, a table cell, a list item) survives in it. Names such as "WhatsApp
        // Business Cloud API" and the subject line "Data Deletion Request" are shorter.
        const flat = (s: string) => s.replace(/\s+/g, ' ');
        const phrases = flat(english)
          .split(/[.,;:!?|()"\u201c\u201d]|\*\*|\{\{[\w.]+\}\}/)
          .map((p) => p.trim())
          .filter((p) => p.split(' ').filter((w) => /^[A-Za-z'-]+$/.test(w)).length >= 5);
        expect(phrases.length).toBeGreaterThan(3);
        const translated = flat(text);
        expect(phrases.filter((p) => translated.includes(p))).toEqual([]);
      });
});
