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
  // The first two groups change once a millisecond: kept as text until they do.
  let msText = '';
  let pool = new Uint8Array(0);
  let offset = 0;
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
    if (ms !== lastMs || msText === '') {
      const hex = ms.toString(16).padStart(12, '0');
      msText = `${hex.slice(0, 8)}-${hex.slice(8)}-7`;
    }
    lastMs = ms;
    if (offset + 8 > pool.length) {
      pool = randomBytes(8 * 4096);
      offset = 0;
    }
    const r = pool;
    const o = offset;
    offset += 8;
    // Byte by byte through a table: Buffer#toString('hex') is a native call each time, and
    // an import makes a million of these.
    return (
      msText +
      HEX3[counter] +
      '-' +
      HEX2[((r[o] as number) & 0x3f) | 0x80] +
      HEX2[r[o + 1] as number] +
      '-' +
      HEX2[r[o + 2] as number] +
      HEX2[r[o + 3] as number] +
      HEX2[r[o + 4] as number] +
      HEX2[r[o + 5] as number] +
      HEX2[r[o + 6] as number] +
      HEX2[r[o + 7] as number]
    );
  };
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX3 = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));

/** The process's shared time-ordered id source: ids from it sort in creation order. */
export const newRowId: () => string = timeOrderedIdFactory();
