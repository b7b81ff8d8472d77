import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  failureCatalogue,
  failureCategories,
  panelLanguages,
  templateLintCodes,
} from '@kiana/contracts';

type Tree = { [key: string]: string | Tree };
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function read(language: string): Tree {
  const file = fileURLToPath(new URL(`./locales/${language}/translation.json`, import.meta.url));
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;
}

/** Flat `a.b.c` → message. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The `{{name}}` / `{{name, format}}` placeholders of a message. */
const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();

/** Groups plural variants under their base key; plain keys stand alone. */
function messages(flat: Map<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, value] of flat) {
    const base = key.replace(pluralSuffix, '');
    const form = pluralSuffix.exec(key)?.[1] ?? '';
    const forms = out.get(base) ?? new Map<string, string>();
    forms.set(form, value);
    out.set(base, forms);
  }
  return out;
}

const english = messages(flatten(read('en')));

describe('catalogues', () => {
  it('English has messages', () => {
    expect(english.size).toBeGreaterThan(300);
  });

  for (const language of panelLanguages.filter((l) => l !== 'en')) {
    describe(language, () => {
      const catalogue = messages(flatten(read(language)));
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

      it('has every English key and no other', () => {
        expect([...catalogue.keys()].filter((k) => !english.has(k))).toEqual([]);
        expect([...english.keys()].filter((k) => !catalogue.has(k))).toEqual([]);
      });

      it("has each plural message in all of the language's plural forms", () => {
        const problems: string[] = [];
        for (const [key, forms] of english) {
          const theirs = catalogue.get(key);
          if (!forms.has('other') || theirs === undefined) continue;
          for (const c of categories) if (!theirs.has(c)) problems.push(`${key}_${c} missing`);
          for (const f of theirs.keys())
            if (!(categories as string[]).includes(f)) problems.push(`${key}_${f} is not a form`);
        }
        expect(problems).toEqual([]);
      });

      it('keeps the placeholders of each English message', () => {
        const problems: string[] = [];
        for (const [key, forms] of english) {
          const expected = placeholders(forms.get('other') ?? forms.get('') ?? '').filter(
            (p) => p !== 'count',
          );
          for (const [form, message] of catalogue.get(key) ?? []) {
            const found = placeholders(message).filter((p) => p !== 'count');
            if (found.join() !== expected.join())
              problems.push(`${key}${form === '' ? '' : `_${form}`}: ${found} ≠ ${expected}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('is translated, not an English copy', () => {
        let same = 0;
        let total = 0;
        for (const [key, forms] of english) {
          for (const [form, message] of forms) {
            if (!/[a-z]{3}/i.test(message)) continue;
            total += 1;
            if (catalogue.get(key)?.get(form) === message) same += 1;
          }
        }
        // Product names (WhatsApp, Graph API, WABA) stay; sentences do not.
        expect(same / total).toBeLessThan(0.1);
      });
    });
  }
});

// The builder shows every lint finding by its code; a code without a message would show the
// raw key, so each language needs them all (placeholders are checked above, key by key).
describe('template lint messages', () => {
  for (const language of panelLanguages) {
    it(`${language} has a message for every lint code`, () => {
      const catalogue = flatten(read(language));
      const missing = templateLintCodes.filter((code) => !catalogue.has(`templates.lint.${code}`));
      expect(missing).toEqual([]);
    });

    it(`${language} nests only words it has`, () => {
      // `$t(group.{{param}})` picks a word (image, body...) from a group of the same catalogue.
      const catalogue = flatten(read(language));
      const keys = [...catalogue.keys()];
      const broken: string[] = [];
      for (const [key, message] of catalogue) {
        for (const [, target = ''] of message.matchAll(/\$t\(([^)]+)\)/g)) {
          const group = target.replace(/\.\{\{\w+\}\}$/, '');
          const found =
            group === target ? catalogue.has(target) : keys.some((k) => k.startsWith(`${group}.`));
          if (!found) broken.push(`${key}: ${target}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});

// FailureReason shows every Meta error code by its catalogue entry; a missing explanation or
// action would show the raw key wherever an error is shown.
describe('failure catalogue messages', () => {
  for (const language of panelLanguages) {
    it(`${language} explains every catalogued Meta code and says what to do`, () => {
      const catalogue = flatten(read(language));
      const keys = [
        ...failureCatalogue.flatMap((e) => [
          `failures.explanation.${e.explanation}`,
          `failures.action.${e.action}`,
        ]),
        ...failureCategories.map((c) => `failures.category.${c}`),
        'failures.category.unknown',
        'failures.action.checkDetails',
      ];
      expect(keys.filter((k) => !catalogue.has(k))).toEqual([]);
      expect(catalogue.get('failures.unknownExplanation')).toContain('{{code}}');
    });
  }
});
