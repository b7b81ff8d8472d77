import type { ImportedContact } from './imports.rows';

/** The text fields of a contact in a batch, in the order they are packed. */
export const TEXT_FIELDS = ['e164', 'country', 'name', 'language', 'attributes'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
const WIDTH = TEXT_FIELDS.length;
const FIELD: Record<TextField, number> = {
  e164: 0,
  country: 1,
  name: 2,
  language: 3,
  attributes: 4,
};

/**
 * A batch's contacts as the reading thread hands them to the writing one: their text packed
 * into one UTF-8 buffer and the rest in typed arrays, all moved between the threads, not
 * copied. Thousands of objects and strings a batch, which waited for the writer through a
 * whole transaction, outlived the young generation and grew the writer's heap (bench/README.md,
 * contacts-import); a buffer lives outside the heap, and a field becomes a string only while
 * its statement is filled. Contact `i` is entry `i` of every column.
 */
export interface ContactColumns {
  count: number;
  /**
   * Every contact's text fields (`TEXT_FIELDS`), one after the other: field `f` of contact `i`
   * ends at `ends[i * 5 + f]` and starts where the field before it ends. A Buffer when built;
   * a plain Uint8Array after crossing threads (`asBuffer`).
   */
  text: Uint8Array;
  ends: Int32Array;
  /** Bit `f` of `nulls[i]`: field `f` of contact `i` is null. */
  nulls: Uint8Array;
  /** 1: opted in to marketing; 0: opted out; -1: the file does not say. */
  consent: Int8Array;
  /** The batch's distinct tag names, each written as first met. */
  tagNames: string[];
  /** Contact `i`'s tags are `tagNames[tagRefs[k]]` for k from `tagStart[i]` to `tagStart[i + 1]`. */
  tagStart: Int32Array;
  tagRefs: Int32Array;
}

/** Collects a batch's contacts into columns. */
export class ContactColumnsBuilder {
  private text = Buffer.allocUnsafeSlow(1 << 16);
  private length = 0;
  private readonly ends: number[] = [];
  private readonly nulls: number[] = [];
  private readonly consent: number[] = [];
  private readonly tagNames: string[] = [];
  private readonly tagIndex = new Map<string, number>();
  private readonly tagStart: number[] = [0];
  private readonly tagRefs: number[] = [];

  get count(): number {
    return this.consent.length;
  }

  add(c: ImportedContact): void {
    let nulls = 0;
    const put = (f: number, v: string | null): void => {
      if (v === null) nulls |= 1 << f;
      else this.write(v);
      this.ends.push(this.length);
    };
    put(FIELD.e164, c.e164);
    put(FIELD.country, c.country);
    put(FIELD.name, c.name);
    put(FIELD.language, c.language);
    put(FIELD.attributes, JSON.stringify(c.attributes));
    this.nulls.push(nulls);
    this.consent.push(c.consent === null ? -1 : c.consent ? 1 : 0);
    for (const t of c.tags) {
      let ref = this.tagIndex.get(t);
      if (ref === undefined) {
        ref = this.tagNames.length;
        this.tagNames.push(t);
        this.tagIndex.set(t, ref);
      }
      this.tagRefs.push(ref);
    }
    this.tagStart.push(this.tagRefs.length);
  }

  build(): ContactColumns {
    // Its own exact-size buffer, so moving it moves nothing else.
    const text = new Uint8Array(this.length);
    text.set(this.text.subarray(0, this.length));
    return {
      count: this.consent.length,
      text,
      ends: Int32Array.from(this.ends),
      nulls: Uint8Array.from(this.nulls),
      consent: Int8Array.from(this.consent),
      tagNames: this.tagNames,
      tagStart: Int32Array.from(this.tagStart),
      tagRefs: Int32Array.from(this.tagRefs),
    };
  }

  private write(s: string): void {
    // At most 3 bytes a UTF-16 unit.
    if (this.length + s.length * 3 > this.text.length) {
      const bigger = Buffer.allocUnsafeSlow(
        Math.max(this.text.length * 2, this.length + s.length * 3),
      );
      this.text.copy(bigger, 0, 0, this.length);
      this.text = bigger;
    }
    this.length += this.text.write(s, this.length, 'utf8');
  }
}

/** The buffers of a batch's columns: moved to the other thread, not copied. */
export function columnBuffers(c: ContactColumns): ArrayBuffer[] {
  return [c.text, c.ends, c.nulls, c.consent, c.tagStart, c.tagRefs].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The columns with their text readable again after crossing threads (a Buffer over it). */
export function asBuffer(c: ContactColumns): ContactColumns {
  return { ...c, text: Buffer.from(c.text.buffer, c.text.byteOffset, c.text.byteLength) };
}

/** Field `field` of contact `i`, or null. */
export function textAt(c: ContactColumns, i: number, field: TextField): string | null {
  const f = FIELD[field];
  if (((c.nulls[i] ?? 0) & (1 << f)) !== 0) return null;
  const k = i * WIDTH + f;
  const start = k === 0 ? 0 : (c.ends[k - 1] ?? 0);
  // A plain Uint8Array's toString would give its bytes as numbers: refuse it.
  if (!Buffer.isBuffer(c.text)) throw new Error('The batch text is not a Buffer (asBuffer)');
  return c.text.toString('utf8', start, c.ends[k] ?? start);
}

/** Contact `i`'s consent as the rows give it: true, false or null (not said). */
export function consentAt(c: ContactColumns, i: number): boolean | null {
  const v = c.consent[i];
  return v === 1 ? true : v === 0 ? false : null;
}
