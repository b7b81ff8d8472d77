import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRowBatches, type RowsInit } from './imports.batches';
import { SeenNumbers } from './imports.seen';

/** A CSV of `rows` distinct numbers, one column, with its header. */
function csv(rows: number): string {
  const lines = ['phone'];
  for (let i = 0; i < rows; i++) lines.push(`+1650${String(2_000_000 + i)}`);
  return `${lines.join('\n')}\n`;
}

function init(fileBytes?: number): RowsInit {
  return {
    encoding: 'utf-8',
    delimiter: ',',
    mapping: { number: 0 },
    defaultCountry: null,
    attributeTypes: [],
    skipRows: 0,
    batchSize: 5_000,
    ...(fileBytes === undefined ? {} : { fileBytes }),
  };
}

async function readAll(text: string, rowsInit: RowsInit): Promise<number> {
  let rows = 0;
  // Chunks of 64 KiB, as an upload is read.
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 65_536) chunks.push(text.slice(i, i + 65_536));
  for await (const batch of readRowBatches(Readable.from(chunks), rowsInit)) rows += batch.rows;
  return rows;
}

describe('the duplicate table of an import', () => {
  afterEach(() => vi.restoreAllMocks());

  it("is sized once from the file's length, for about the rows it holds", async () => {
    const reserve = vi.spyOn(SeenNumbers.prototype, 'reserve');
    const resize = vi.spyOn(
      SeenNumbers.prototype as unknown as { resize(capacity: number): void },
      'resize',
    );
    const text = csv(50_000);
    expect(await readAll(text, init(Buffer.byteLength(text)))).toBe(50_000);
    expect(reserve).toHaveBeenCalledTimes(1);
    const estimate = reserve.mock.calls[0]?.[0] ?? 0;
    // Estimated at row 20,000 from the rows read so far, never below the rows there are.
    expect(estimate).toBeGreaterThanOrEqual(50_000);
    expect(estimate).toBeLessThan(52_000);
    // Its own growth is the last: no doubling after it.
    const reservedAt = reserve.mock.invocationCallOrder[0] ?? 0;
    const later = resize.mock.invocationCallOrder.filter((order) => order > reservedAt);
    expect(later).toHaveLength(1);
  });

  it('grows as it goes when the length is not known', async () => {
    const reserve = vi.spyOn(SeenNumbers.prototype, 'reserve');
    expect(await readAll(csv(25_000), init())).toBe(25_000);
    expect(reserve).not.toHaveBeenCalled();
  });
});
