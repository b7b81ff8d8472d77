import type { Readable } from 'node:stream';
import { z } from 'zod';
import { importDelimiterSchema, importEncodingSchema, importMappingSchema } from '@kiana/contracts';
import { normalisePhone } from '../contacts.phone';
import { DecodeStream, ImportFileError, readCsvRecords } from './imports.reader';
import { ContactColumnsBuilder, type ContactColumns } from './imports.columns';
import { cachedPhoneReader, interpretRow, type RejectedRow } from './imports.rows';
import { SeenNumbers } from './imports.seen';

/** What reading an import's file needs: all plain data, so a worker thread can get it. */
export const rowsInitSchema = z.object({
  encoding: importEncodingSchema,
  delimiter: importDelimiterSchema,
  mapping: importMappingSchema,
  defaultCountry: z.string().length(2).nullable(),
  /** The declared type of each custom attribute, by key. */
  attributeTypes: z.array(z.tuple([z.string(), z.enum(['text', 'number', 'date', 'boolean'])])),
  /** Data rows already applied by an earlier run (the checkpoint): read past, not yielded. */
  skipRows: z.number().int().nonnegative(),
  /** Rows per batch: one transaction each. */
  batchSize: z.number().int().positive(),
  /** The file's size, when known: the duplicate check sizes its table from it. */
  fileBytes: z.number().int().nonnegative().optional(),
});
export type RowsInit = z.infer<typeof rowsInitSchema>;

/** Read rows of one transaction, and how many bytes of the file were read after them. */
export interface RowBatch {
  /** Data rows read: the contacts, the invalid rows and the duplicates. */
  rows: number;
  /** The rows read as contacts, in file order. */
  contacts: ContactColumns;
  /** The invalid rows and the duplicates, in file order. */
  rejects: RejectedRow[];
  /** How many of `rejects` are duplicates (the rest are invalid). */
  duplicates: number;
  bytesDone: number;
}

/** Batches the reading thread may run ahead of the writes (each one transaction's rows). */
export const BATCHES_AHEAD = 4;

/** Messages to the reading thread: the file's bytes on request, acknowledgements of batches. */
export type ToReader =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'fail'; message: string }
  | { type: 'ack' };

/** Messages from the reading thread (imports.batches.worker.ts). */
export type FromReader =
  | { type: 'more' }
  | { type: 'batch'; batch: RowBatch }
  | { type: 'done' }
  | { type: 'unreadable'; reason: string; row: number }
  | { type: 'crash'; message: string };

/**
 * The file's data rows after the checkpoint, read through the mapping and the one phone
 * normaliser, in batches, a number met earlier in the file marked as a duplicate. Throws `ImportFileError` where the file stops being readable (the
 * rows of the batch in progress are not yielded: no batch is half applied).
 */
export async function* readRowBatches(source: Readable, init: RowsInit): AsyncGenerator<RowBatch> {
  const readPhone = cachedPhoneReader((raw) =>
    normalisePhone(raw, { defaultCountry: init.defaultCountry }),
  );
  const attributeTypes = new Map(init.attributeTypes);
  const decoder = new DecodeStream(init.encoding);
  const seen = new SeenNumbers();
  let width: number | undefined;
  let batch = emptyBatch();
  // Characters of the rows read so far (a delimiter or line break after each field), until the
  // file's length in rows is estimated.
  let chars = 0;
  for await (const record of readCsvRecords(source, { ...init, decoder })) {
    if (record.row <= SIZE_AT) for (const field of record.fields) chars += field.length + 1;
    if (width === undefined) {
      width = record.fields.length;
      checkMapping(init.mapping, width);
      continue;
    }
    if (record.row === SIZE_AT && init.fileBytes !== undefined)
      seen.reserve(expectedRows(init.fileBytes, chars * unitBytes(init.encoding), record.row));
    const outcome = interpretRow(record, width, init.mapping, readPhone, attributeTypes);
    // A number met earlier in the file, in this batch or any before: not applied twice.
    const earlier =
      outcome.kind === 'contact' ? seen.firstRowOf(outcome.contact.e164, record.row) : undefined;
    // Rows up to the checkpoint were applied by an earlier run: read past them (their
    // numbers still count as met).
    if (record.row - 1 <= init.skipRows) continue;
    batch.rows++;
    if (outcome.kind !== 'contact') batch.rejects.push(outcome.reject);
    else if (earlier === undefined) batch.contacts.add(outcome.contact);
    else {
      batch.duplicates++;
      batch.rejects.push({
        row: record.row,
        value: outcome.contact.e164,
        reason: `Duplicate of row ${earlier} (the same number); not applied twice`,
      });
    }
    if (batch.rows >= init.batchSize) {
      yield built(batch, decoder.bytesRead);
      batch = emptyBatch();
    }
  }
  if (width === undefined) throw new ImportFileError('The file has no header row', 1);
  if (batch.rows > 0) yield built(batch, decoder.bytesRead);
}

/** The row at which the file's length in rows is estimated (see `expectedRows`). */
const SIZE_AT = 20_000;

/**
 * The rows a file of `fileBytes` holds, from the bytes its first `rows` took, counted from
 * their characters: the decoder's count of bytes read would include what the parser reads
 * ahead (at 20,000 short rows, a quarter more: the estimate came out low, and the table
 * doubled near the end after all). Characters err only high: quotes, empty lines and a
 * character of several bytes are not counted.
 */
function expectedRows(fileBytes: number, bytes: number, rows: number): number {
  return bytes === 0 ? rows : Math.ceil((fileBytes / bytes) * rows);
}

/** Bytes a character takes at least in the file's encoding. */
function unitBytes(encoding: RowsInit['encoding']): number {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
}

interface BatchInProgress {
  rows: number;
  contacts: ContactColumnsBuilder;
  rejects: RejectedRow[];
  duplicates: number;
}

function emptyBatch(): BatchInProgress {
  return { rows: 0, contacts: new ContactColumnsBuilder(), rejects: [], duplicates: 0 };
}

function built(b: BatchInProgress, bytesDone: number): RowBatch {
  const { rows, rejects, duplicates } = b;
  return { rows, contacts: b.contacts.build(), rejects, duplicates, bytesDone };
}

function checkMapping(mapping: RowsInit['mapping'], width: number): void {
  const { attributes, ...fixed } = mapping;
  const columns = [...Object.entries(fixed), ...Object.entries(attributes ?? {})];
  for (const [field, column] of columns)
    if (column !== undefined && column >= width)
      throw new ImportFileError(
        `The mapping puts ${field} in column ${column + 1}, but the header has ${width} columns`,
        1,
      );
}
