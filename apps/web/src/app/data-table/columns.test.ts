import { describe, expect, it } from 'vitest';
import { parseHidden, visibleColumns } from './columns';

const columns = [
  { id: 'name', hideable: false },
  { id: 'phone' },
  { id: 'country', defaultHidden: true },
];

describe('column visibility', () => {
  it('starts from the columns hidden by default', () => {
    expect([...parseHidden(null, columns)]).toEqual(['country']);
    expect([...parseHidden('not json', columns)]).toEqual(['country']);
    expect([...parseHidden('{"a":1}', columns)]).toEqual(['country']);
  });

  it('keeps stored choices only for columns that exist and may be hidden', () => {
    expect([...parseHidden('["phone","name","gone",3]', columns)]).toEqual(['phone']);
    expect([...parseHidden('[]', columns)]).toEqual([]);
  });

  it('never hides a column that identifies the row, and keeps the declared order', () => {
    const shown = visibleColumns(columns, new Set(['name', 'phone']));
    expect(shown.map((c) => c.id)).toEqual(['name', 'country']);
  });
});
