import { describe, expect, it } from 'vitest';
import { timeOrderedIdFactory } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered contact ids', () => {
  it('are UUID v7, distinct, and sort in creation order within a millisecond and across them', () => {
    let ms = 1_767_800_000_000;
    const next = timeOrderedIdFactory(() => ms);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      // 5,000 a millisecond: past the 12-bit counter, an id borrows the next millisecond.
      if (i % 5_000 === 0) ms += 1;
      ids.push(next());
    }
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keep their order when the clock steps back', () => {
    let ms = 1_767_800_000_000;
    const next = timeOrderedIdFactory(() => ms);
    const a = next();
    ms -= 5_000;
    const b = next();
    expect(b > a).toBe(true);
  });
});
