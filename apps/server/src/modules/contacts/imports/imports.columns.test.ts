import { describe, expect, it } from 'vitest';
import {
  asBuffer,
  columnBuffers,
  consentAt,
  ContactColumnsBuilder,
  textAt,
  type ContactColumns,
} from './imports.columns';
import type { ImportedContact } from './imports.rows';

const contact = (over: Partial<ImportedContact>): ImportedContact => ({
  row: 2,
  e164: '+351912345678',
  country: 'PT',
  name: null,
  tags: [],
  language: null,
  consent: null,
  attributes: {},
  ...over,
});

describe('ContactColumnsBuilder', () => {
  it('gives back every field, null or not, multi-byte text and each contact its own tags', () => {
    const b = new ContactColumnsBuilder();
    b.add(contact({ name: 'José Ñúñez 🙂', tags: ['VIP', 'lisboa'], consent: true }));
    b.add(contact({ e164: '+14155550100', country: null, language: 'pt-BR', consent: false }));
    b.add(contact({ name: '', tags: ['lisboa'], attributes: { plan: 'gold', spend: 12.5 } }));
    const built = b.build();
    // As the writing thread gets it: a structured clone, the buffers moved.
    const cols = asBuffer(structuredClone(built, { transfer: columnBuffers(built) }));
    expect(cols.count).toBe(3);
    const fields = (c: ContactColumns, i: number) => ({
      e164: textAt(c, i, 'e164'),
      country: textAt(c, i, 'country'),
      name: textAt(c, i, 'name'),
      language: textAt(c, i, 'language'),
      attributes: textAt(c, i, 'attributes'),
      consent: consentAt(c, i),
      tags: Array.from(c.tagRefs.subarray(c.tagStart[i], c.tagStart[i + 1]), (r) => c.tagNames[r]),
    });
    expect([0, 1, 2].map((i) => fields(cols, i))).toEqual([
      {
        e164: '+351912345678',
        country: 'PT',
        name: 'José Ñúñez 🙂',
        language: null,
        attributes: '{}',
        consent: true,
        tags: ['VIP', 'lisboa'],
      },
      {
        e164: '+14155550100',
        country: null,
        name: null,
        language: 'pt-BR',
        attributes: '{}',
        consent: false,
        tags: [],
      },
      {
        e164: '+351912345678',
        country: 'PT',
        name: '',
        language: null,
        attributes: '{"plan":"gold","spend":12.5}',
        consent: null,
        tags: ['lisboa'],
      },
    ]);
    expect(cols.tagNames).toEqual(['VIP', 'lisboa']);
  });

  it('grows its text buffer past its first size', () => {
    const b = new ContactColumnsBuilder();
    const long = 'x'.repeat(40_000);
    for (let i = 0; i < 5; i++) b.add(contact({ name: `${i}${long}` }));
    const cols = asBuffer(b.build());
    expect([0, 1, 2, 3, 4].map((i) => textAt(cols, i, 'name'))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `${i}${long}`),
    );
  });

  it('refuses to read text that is not a Buffer', () => {
    const built = new ContactColumnsBuilder();
    built.add(contact({}));
    const cols = structuredClone(built.build());
    expect(() => textAt(cols, 0, 'e164')).toThrow(/asBuffer/);
  });
});
