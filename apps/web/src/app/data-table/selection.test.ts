import { describe, expect, it } from 'vitest';
import { pageSelectionState, togglePage, toggleRow } from './selection';

describe('bulk selection', () => {
  it('the header box is none, some or all of the page', () => {
    expect(pageSelectionState(new Set(), ['a', 'b'])).toBe('none');
    expect(pageSelectionState(new Set(['a', 'z']), ['a', 'b'])).toBe('some');
    expect(pageSelectionState(new Set(['a', 'b']), ['a', 'b'])).toBe('all');
  });

  it('toggles one row without touching the input set', () => {
    const start = new Set(['a']);
    expect([...toggleRow(start, 'b')].sort()).toEqual(['a', 'b']);
    expect([...toggleRow(start, 'a')]).toEqual([]);
    expect([...start]).toEqual(['a']);
  });

  it('selects the rest of the page, then unselects only the page', () => {
    const other = 'row-of-page-2';
    const some = togglePage(new Set([other, 'a']), ['a', 'b']);
    expect([...some].sort()).toEqual(['a', 'b', other]);
    expect([...togglePage(some, ['a', 'b'])]).toEqual([other]);
  });
});
