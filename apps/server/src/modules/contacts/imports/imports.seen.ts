/**
 * The numbers an import has met so far and the row of each one's first appearance, for
 * "duplicate within the file". Held by the reading thread (imports.batches.ts) rather than
 * in a table: an E.164 number is at most 15 digits, so its digits are an exact float64, and
 * an open-addressing table of those (12 bytes a slot, at most 70 % full) costs about 17 MB a
 * million distinct numbers, against a B-tree written, read and deleted row by row. After a
 * crash it is rebuilt by reading the rows before the checkpoint again.
 *
 * The import's memory ceiling counts every byte here: `reserve` sizes the table once for the
 * rows the file is expected to hold, so a large file does not pass through the doublings,
 * each of which held the old table and one twice its size at once (24 + 12 MB at 1M rows).
 */
export class SeenNumbers {
  // A small table to start with; `reserve` sizes it for the file.
  private keys = new Float64Array(INITIAL_SLOTS);
  private rows = new Int32Array(INITIAL_SLOTS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Slots in the table (for tests and the memory estimate). */
  get capacity(): number {
    return this.keys.length;
  }

  /** Makes room for `numbers` distinct numbers in all, at once (never shrinks). */
  reserve(numbers: number): void {
    const wanted = Math.ceil(numbers / MAX_LOAD) + 1;
    if (wanted > this.keys.length) this.resize(wanted);
  }

  /** The row that first brought `e164`, or undefined (and `row` is remembered for it). */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = keyOf(e164);
    const { keys } = this;
    const size = keys.length;
    for (let i = slotOf(key) % size; ; i = i + 1 === size ? 0 : i + 1) {
      const k = keys[i];
      if (k === key) return this.rows[i];
      if (k === 0) {
        keys[i] = key;
        this.rows[i] = row;
        if (++this.count > size * MAX_LOAD) this.resize(size * 2);
        return undefined;
      }
    }
  }

  private resize(capacity: number): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j] ?? 0;
      if (key === 0) continue;
      let i = slotOf(key) % capacity;
      while (this.keys[i] !== 0) i = i + 1 === capacity ? 0 : i + 1;
      this.keys[i] = key;
      this.rows[i] = rows[j] ?? 0;
    }
  }
}

/** Linear probing stays short up to this share of slots in use. */
const MAX_LOAD = 0.7;
const INITIAL_SLOTS = 4_096;

/** `+351912345678` → 351912345678: E.164 has no leading zero and at most 15 digits. */
function keyOf(e164: string): number {
  const key = Number(e164.slice(1));
  if (!Number.isSafeInteger(key) || key <= 0) throw new Error(`Not an E.164 number: ${e164}`);
  return key;
}

function slotOf(key: number): number {
  const lo = key % 0x100000000;
  const hi = Math.floor(key / 0x100000000);
  let h = Math.imul(lo | 0, 0x9e3779b1) ^ Math.imul((hi + 0x7f4a7c15) | 0, 0x85ebca77);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
