import { randomBytes } from 'node:crypto';

/**
 * Time-ordered UUIDs (RFC 9562 version 7) for the rows written on hot paths: contacts,
 * conversations, messages, webhook events, send attempts. A random v4 id lands anywhere in
 * a primary key or an index over it, so every insert dirties a page of its own in each of
 * those B-trees and every commit writes them all to the WAL (the campaign bench's commits
 * wrote about 245 pages each; the contacts import's million inserts touched pages all over
 * the `contacts` and `contact_tags` keys). v7 ids made one after another follow each other
 * and append. Still 62 random bits per id, and still a UUID to everything that reads it.
 */
export function timeOrderedIdFactory(now: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  let pool = Buffer.alloc(0);
  let offset = 0;
  const random8 = (): Buffer => {
    if (offset + 8 > pool.length) {
      pool = randomBytes(8 * 4096);
      offset = 0;
    }
    offset += 8;
    return pool.subarray(offset - 8, offset);
  };
  return () => {
    let ms = now();
    if (ms <= lastMs) {
      // Same (or an earlier) millisecond: the 12-bit counter keeps ids in creation order;
      // when it overflows the id borrows the next millisecond.
      ms = lastMs;
      counter++;
      if (counter > 0xfff) {
        ms = lastMs + 1;
        counter = 0;
      }
    } else counter = 0;
    lastMs = ms;
    const r = random8();
    const hex = ms.toString(16).padStart(12, '0');
    const a = (0x7000 | counter).toString(16);
    const b = ((r[0]! & 0x3f) | 0x80).toString(16).padStart(2, '0') + hexOf(r, 1, 2);
    return `${hex.slice(0, 8)}-${hex.slice(8)}-${a}-${b}-${hexOf(r, 2, 8)}`;
  };
}

function hexOf(buf: Buffer, from: number, to: number): string {
  return buf.toString('hex', from, to);
}

/** The process's shared time-ordered id source: ids from it sort in creation order. */
export const newRowId: () => string = timeOrderedIdFactory();
