import { describe, expect, it } from 'vitest';
import { collectPages, type CursorPage } from './graph.paging';
import { retryAfterOf } from './graph.transport';

const page = (data: number[], after?: string, next = true): CursorPage<number> => ({
  data,
  paging: { cursors: { after }, ...(next ? { next: 'https://graph/next' } : {}) },
});

describe('collectPages', () => {
  it('stops at the page without `next` even though it still carries an after cursor', async () => {
    const pages = [page([1, 2], 'a'), page([3], 'b'), page([4], 'c', false), page([99], 'd')];
    const asked: (string | undefined)[] = [];
    const all = await collectPages(async (after) => {
      asked.push(after);
      return pages[asked.length - 1] as CursorPage<number>;
    });
    expect(all).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('stops when a server hands back a cursor it already gave, instead of looping', async () => {
    let calls = 0;
    const all = await collectPages(async () => {
      calls += 1;
      return page([calls], 'same');
    });
    expect(all).toEqual([1, 2]);
  });

  it('stops after maxPages', async () => {
    let calls = 0;
    const all = await collectPages(async () => {
      calls += 1;
      return page([calls], `c${calls}`);
    }, 3);
    expect(all).toEqual([1, 2, 3]);
  });
});

describe('retryAfterOf', () => {
  it('prefers Retry-After seconds, else the largest BUC regain estimate in minutes', () => {
    expect(retryAfterOf({ 'retry-after': '12' })).toBe(12);
    const usage = JSON.stringify({
      '1': [{ estimated_time_to_regain_access: 2 }],
      '2': [{ estimated_time_to_regain_access: 5 }, { call_count: 3 }],
    });
    expect(retryAfterOf({ 'x-business-use-case-usage': usage })).toBe(300);
    expect(
      retryAfterOf({
        'x-business-use-case-usage': '{"1":[{"estimated_time_to_regain_access":0}]}',
      }),
    ).toBeUndefined();
    expect(retryAfterOf({ 'x-business-use-case-usage': 'not json' })).toBeUndefined();
    expect(retryAfterOf({})).toBeUndefined();
  });
});
