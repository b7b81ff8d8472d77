import { describe, expect, it } from 'vitest';
import { SeenNumbers } from './imports.seen';

describe('SeenNumbers', () => {
  it('answers the first row of a number met before, and nothing for a new one', () => {
    const seen = new SeenNumbers();
    expect(seen.firstRowOf('+351912345678', 2)).toBeUndefined();
    expect(seen.firstRowOf('+14155550100', 3)).toBeUndefined();
    expect(seen.firstRowOf('+351912345678', 4)).toBe(2);
    expect(seen.firstRowOf('+351912345678', 9)).toBe(2);
    expect(seen.firstRowOf('+14155550100', 5)).toBe(3);
    expect(seen.size).toBe(2);
  });

  it('keeps every number through its growth, telling numbers of other lengths apart', () => {
    const seen = new SeenNumbers();
    const numbers: string[] = [];
    for (let i = 0; i < 20_000; i++) numbers.push(`+${351910000000 + i * 7919}`, `+1${i}0`);
    numbers.forEach((n, row) => expect(seen.firstRowOf(n, row + 2)).toBeUndefined());
    numbers.forEach((n, row) => expect(seen.firstRowOf(n, 0)).toBe(row + 2));
    expect(seen.size).toBe(numbers.length);
    // 15 digits, the longest E.164: still exact.
    expect(seen.firstRowOf('+999999999999999', 7)).toBeUndefined();
    expect(seen.firstRowOf('+999999999999998', 8)).toBeUndefined();
    expect(seen.firstRowOf('+999999999999999', 9)).toBe(7);
  });
});
