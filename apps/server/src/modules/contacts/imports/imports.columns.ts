import type { ImportedContact } from './imports.rows';

/**
 * A batch's contacts column by column, as the reading thread hands them to the writing one: a
 * few arrays cross between the threads instead of an object graph per row (five objects a row
 * for 5,000 rows, which the writer kept alive for its whole transaction, so they outlived the
 * young generation and grew its heap: bench/README.md, contacts-import). Contact `i` is entry
 * `i` of every column.
 */
export interface ContactColumns {
  count: number;
  e164: string[];
  country: (string | null)[];
  name: (string | null)[];
  language: (string | null)[];
  /** 1: opted in to marketing; 0: opted out; -1: the file does not say. */
  consent: Int8Array;
  /** The file's attributes of each contact as JSON text (`{}` when it has none). */
  attributes: string[];
  /** The batch's distinct tag names, each written as first met. */
  tagNames: string[];
  /** Contact `i`'s tags are `tagNames[tagRefs[k]]` for k from `tagStart[i]` to `tagStart[i + 1]`. */
  tagStart: Int32Array;
  tagRefs: Int32Array;
}

/** Collects a batch's contacts into columns. */
export class ContactColumnsBuilder {
  private readonly e164: string[] = [];
  private readonly country: (string | null)[] = [];
  private readonly name: (string | null)[] = [];
  private readonly language: (string | null)[] = [];
  private readonly consent: number[] = [];
  private readonly attributes: string[] = [];
  private readonly tagNames: string[] = [];
  private readonly tagIndex = new Map<string, number>();
  private readonly tagStart: number[] = [0];
  private readonly tagRefs: number[] = [];

  get count(): number {
    return this.e164.length;
  }

  add(c: ImportedContact): void {
    this.e164.push(c.e164);
    this.country.push(c.country);
    this.name.push(c.name);
    this.language.push(c.language);
    this.consent.push(c.consent === null ? -1 : c.consent ? 1 : 0);
    this.attributes.push(JSON.stringify(c.attributes));
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
    return {
      count: this.e164.length,
      e164: this.e164,
      country: this.country,
      name: this.name,
      language: this.language,
      consent: Int8Array.from(this.consent),
      attributes: this.attributes,
      tagNames: this.tagNames,
      tagStart: Int32Array.from(this.tagStart),
      tagRefs: Int32Array.from(this.tagRefs),
    };
  }
}

/** The buffers of a batch's typed columns: moved to the other thread, not copied. */
export function columnBuffers(c: ContactColumns): ArrayBuffer[] {
  return [c.consent.buffer, c.tagStart.buffer, c.tagRefs.buffer] as ArrayBuffer[];
}

/** Contact `i`'s consent as the rows give it: true, false or null (not said). */
export function consentAt(c: ContactColumns, i: number): boolean | null {
  const v = c.consent[i];
  return v === 1 ? true : v === 0 ? false : null;
}
