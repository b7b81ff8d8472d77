import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse, CsvError } from 'csv-parse';
import type { ImportDelimiter, ImportEncoding } from './imports.detect';

/** The longest record accepted: a row this long is not a contact (a 50 MB single line is garbage). */
export const MAX_RECORD_CHARS = 64 * 1024;

/** A file that cannot be read on: the reason and the data row where reading stopped. */
export class ImportFileError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based number of the record that could not be read (the header is record 1). */
    readonly row: number,
  ) {
    super(`${reason} (stopped at row ${row})`);
  }
}

/** One record of the file: its 1-based row number (header = 1) and its fields. */
export interface FileRecord {
  row: number;
  fields: string[];
}

/**
 * Bytes → text in a chosen encoding, streaming (a character split across chunks is kept for
 * the next). UTF-8 and UTF-16 decode strictly, so a file in another encoding fails instead
 * of turning into replacement characters; a NUL or a run of control characters means the
 * file is not text at all. Counts the bytes it has read, for progress.
 */
export class DecodeStream extends Transform {
  bytesRead = 0;
  /** Set when the file turned out to be binary: the stream ended early, the reader throws. */
  failure: DecodeError | undefined;
  private readonly decoder: TextDecoder;

  constructor(private readonly encoding: ImportEncoding) {
    super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' });
    // `ignoreBOM: false` drops a leading byte-order mark: it is not part of the header.
    this.decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.failure !== undefined) return done();
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new DecodeError(`The file is not valid ${this.label()}; choose its encoding`));
      return;
    }
    const binaryAt = findBinary(text);
    if (binaryAt >= 0) {
      // The lines before the binary data still reach the parser, so the error names the
      // row where the data starts; the rest of the file is ignored.
      this.failure = new DecodeError('The file holds binary data, not text: it is not a CSV file');
      this.push(text.slice(0, text.lastIndexOf('\n', binaryAt) + 1));
      this.push(null);
      done();
      return;
    }
    this.bytesRead += chunk.length;
    done(null, text);
  }

  override _flush(done: TransformCallback): void {
    if (this.failure !== undefined) return done();
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new DecodeError(`The file ends inside a character: it is not valid ${this.label()}`));
    }
  }

  private label(): string {
    return this.encoding === 'utf-8' ? 'UTF-8' : this.encoding.toUpperCase();
  }
}

/** A decoding failure, reported with the row the parser had reached. */
export class DecodeError extends Error {}

// NUL never occurs in text; other C0 controls (besides tab, CR, LF) are rare enough that
// more than a few in a chunk mean binary data. Returns where the binary data starts, or -1.
function findBinary(text: string): number {
  let controls = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return first < 0 ? i : first;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
      if (first < 0) first = i;
      if (++controls > 8) return first;
    }
  }
  return -1;
}

/**
 * Streams the records of a CSV file: decoding, quoted fields with line breaks, rows of any
 * length (a ragged row is the caller's to judge). Backpressure comes from the consumer's
 * `for await`. Throws `ImportFileError` naming the row where the file stops being readable.
 */
export async function* readCsvRecords(
  source: Readable,
  options: { encoding: ImportEncoding; delimiter: ImportDelimiter; decoder?: DecodeStream },
): AsyncGenerator<FileRecord> {
  const decoder = options.decoder ?? new DecodeStream(options.encoding);
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    // A quote inside an unquoted field (`5" screen`) is taken as text, as spreadsheets do.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    // No `info: true`: it copies an info object for every record (a tenth of an import's CPU
    // time); the row number is the count of records read, which is what `info.records` said.
  });
  let failure: Error | undefined;
  const onError = (e: Error): void => {
    failure ??= e;
    parser.destroy(e);
  };
  source.on('error', onError);
  decoder.on('error', onError);
  source.pipe(decoder).pipe(parser);
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, fields };
    }
  } catch (error) {
    throw toFileError(failure ?? error, reached(parser.info.records, row));
  } finally {
    source.unpipe(decoder);
    decoder.unpipe(parser);
    source.destroy();
    decoder.destroy();
  }
  failure ??= decoder.failure;
  if (failure !== undefined) throw toFileError(failure, reached(parser.info.records, row));
}

// The row that could not be read: the one after the last record parsed, which may be ahead
// of the last one the consumer took.
const reached = (parsed: number, taken: number): number => Math.max(parsed, taken) + 1;

function toFileError(error: unknown, row: number): ImportFileError {
  if (error instanceof ImportFileError) return error;
  if (error instanceof DecodeError) return new ImportFileError(error.message, row);
  if (error instanceof CsvError) {
    switch (error.code) {
      case 'CSV_MAX_RECORD_SIZE':
        return new ImportFileError(
          `A row is longer than ${MAX_RECORD_CHARS / 1024} KB: the file is not a contact list, or its delimiter or encoding is wrong`,
          row,
        );
      case 'CSV_QUOTE_NOT_CLOSED':
        return new ImportFileError('A quoted field is never closed: the file is cut short', row);
      default:
        return new ImportFileError(`The CSV cannot be read: ${error.message}`, row);
    }
  }
  return new ImportFileError(
    `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    row,
  );
}
