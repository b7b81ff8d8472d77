import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './webhooks.batcher';

describe('GroupCommitter', () => {
  it('writes concurrent submissions together and resolves each with its own result', async () => {
    const batches: number[][] = [];
    const c = new GroupCommitter<number, string>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => `r${i}`);
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => c.submit(i)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
    // All 50 arrived in one turn: a single transaction, not fifty.
    expect(batches).toHaveLength(1);
  });

  it('batches what arrives during a slow flush into the next one', async () => {
    const batches: number[][] = [];
    const c = new GroupCommitter<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items;
    });
    const first = c.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    const later = [c.submit(2), c.submit(3), c.submit(4)];
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every caller of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const c = new GroupCommitter<number, number>(async (items) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    const failed = await Promise.allSettled([c.submit(1), c.submit(2)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(c.submit(3)).resolves.toBe(3);
  });

  it('caps a batch at maxBatch items', async () => {
    const sizes: number[] = [];
    const c = new GroupCommitter<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 10 },
    );
    await Promise.all(Array.from({ length: 25 }, (_, i) => c.submit(i)));
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('drains queued items on close and refuses new ones', async () => {
    const written: number[] = [];
    const c = new GroupCommitter<number, number>(async (items) => {
      written.push(...items);
      return items;
    });
    const p = c.submit(7);
    await c.close();
    await p;
    expect(written).toEqual([7]);
    await expect(c.submit(8)).rejects.toThrow(/closed/);
  });
});
