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

  it('sized once by reserve, holds that many numbers without growing, keeping those met before', () => {
    const seen = new SeenNumbers();
    for (let i = 0; i < 1_000; i++) seen.firstRowOf(`+4479${10_000_000 + i}`, i + 2);
    seen.reserve(100_000);
    const capacity = seen.capacity;
    // At most 70 % full: 100,000 numbers in about 143,000 slots (12 bytes each), not 262,144.
    expect(capacity).toBeGreaterThanOrEqual(100_000 / 0.7);
    expect(capacity).toBeLessThan(100_000 / 0.7 + 2);
    for (let i = 0; i < 1_000; i++) expect(seen.firstRowOf(`+4479${10_000_000 + i}`, 0)).toBe(i + 2);
    for (let i = 1_000; i < 100_000; i++)
      expect(seen.firstRowOf(`+4479${10_000_000 + i}`, i + 2)).toBeUndefined();
    expect(seen.capacity).toBe(capacity);
    expect(seen.size).toBe(100_000);
    // One more than reserved still fits: the table grows as before.
    for (let i = 100_000; i < 110_000; i++) seen.firstRowOf(`+4479${10_000_000 + i}`, i + 2);
    expect(seen.capacity).toBeGreaterThan(capacity);
    expect(seen.firstRowOf('+447910000000', 0)).toBe(2);
    // A smaller reservation never shrinks it.
    const grown = seen.capacity;
    seen.reserve(10);
    expect(seen.capacity).toBe(grown);
  });
});
