import { describe, expect, it } from 'vitest';
import {
  hasFilters,
  nextSort,
  offsetOf,
  pageCount,
  readTableState,
  withFilter,
  writeTableState,
  type TableStateSpec,
} from './table-state';

const spec: TableStateSpec = {
  filters: ['q', 'tag'],
  sortable: ['name', 'createdAt'],
  defaultSort: { column: 'createdAt', direction: 'desc' },
};
const read = (query: string) => readTableState(new URLSearchParams(query), spec);

describe('table state in the URL', () => {
  it('reads page, sort and the declared filters', () => {
    expect(read('page=3&sort=-name&q=ana&tag=vip')).toEqual({
      page: 3,
      sort: { column: 'name', direction: 'desc' },
      filters: { q: 'ana', tag: 'vip' },
    });
  });

  it('falls back to page 1 and the default sort for missing or bad values', () => {
    for (const query of ['', 'page=0', 'page=-2', 'page=1.5', 'page=abc', 'sort=', 'sort=secret']) {
      const state = read(query);
      expect(state.page).toBe(1);
      expect(state.sort).toEqual({ column: 'createdAt', direction: 'desc' });
    }
  });

  it('ignores undeclared and empty filters', () => {
    expect(read('q=&other=x&tag=a').filters).toEqual({ tag: 'a' });
  });

  it('round-trips through write and read', () => {
    const state = {
      page: 4,
      sort: { column: 'name', direction: 'asc' as const },
      filters: { q: 'a b&c' },
    };
    const params = writeTableState(new URLSearchParams(), state, spec);
    expect(readTableState(params, spec)).toEqual(state);
  });

  it('keeps parameters that are not the table’s and leaves defaults out', () => {
    const params = writeTableState(
      new URLSearchParams('lang=fa&page=2&q=old&sort=name'),
      { page: 1, sort: { column: 'createdAt', direction: 'desc' }, filters: { tag: 'vip' } },
      spec,
    );
    expect(params.toString()).toBe('lang=fa&tag=vip');
  });

  it('a changed filter goes back to page 1; an empty value removes it', () => {
    const state = read('page=5&q=ana');
    expect(withFilter(state, 'tag', 'vip')).toMatchObject({
      page: 1,
      filters: { q: 'ana', tag: 'vip' },
    });
    expect(withFilter(state, 'q', '').filters).toEqual({});
    expect(withFilter(state, 'q', null).filters).toEqual({});
    expect(hasFilters(withFilter(state, 'q', null))).toBe(false);
  });
});

describe('sorting and paging', () => {
  it('cycles a column ascending, descending, then back to the default', () => {
    const asc = nextSort(null, 'name');
    expect(asc).toEqual({ column: 'name', direction: 'asc' });
    const desc = nextSort(asc, 'name');
    expect(desc).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort(desc, 'name')).toBeNull();
    expect(nextSort(desc, 'createdAt')).toEqual({ column: 'createdAt', direction: 'asc' });
  });

  it('counts pages and offsets', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(offsetOf(1, 50)).toBe(0);
    expect(offsetOf(3, 25)).toBe(50);
  });
});
