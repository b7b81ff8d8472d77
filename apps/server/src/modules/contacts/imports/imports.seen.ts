/**
 * The numbers an import has met so far and the row of each one's first appearance, for
 * "duplicate within the file". Held by the reading thread (imports.batches.ts) rather than
 * in a table: an E.164 number is at most 15 digits, so its digits are an exact float64, and
 * an open-addressing table of those (12 bytes a slot, at most half full) costs about 24 MB a
 * million distinct numbers, against a B-tree written, read and deleted row by row. After a
 * crash it is rebuilt by reading the rows before the checkpoint again.
 */
export class SeenNumbers {
  private keys = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row that first brought `e164`, or undefined (and `row` is remembered for it). */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = keyOf(e164);
    const mask = this.keys.length - 1;
    for (let i = slotOf(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === key) return this.rows[i];
      if (k === 0) {
        this.keys[i] = key;
        this.rows[i] = row;
        if (++this.count * 2 > this.keys.length) this.grow();
        return undefined;
      }
    }
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j] ?? 0;
      if (key === 0) continue;
      let i = slotOf(key) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.rows[i] = rows[j] ?? 0;
    }
  }
}

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
