import { stringify } from 'csv-stringify/sync';

/** A cell as the caller has it; objects are written as JSON, null and undefined as empty. */
export type CsvValue = unknown;

/**
 * Defuses a cell that a spreadsheet would run as a formula (=, +, -, @, tab or CR at the
 * start) by prefixing a quote — OWASP's advice against CSV injection for files people open
 * in Excel or Sheets.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  return defuseFormula(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Rows as RFC 4180 CSV (CRLF, quoted where needed) under a header of `columns`. */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, CsvValue>[],
): string {
  return stringify(
    rows.map((row) => columns.map((c) => cell(row[c]))),
    { header: true, columns: columns.map((c) => defuseFormula(c)), record_delimiter: 'windows' },
  );
}

/** Rows as CSV lines without a header: the next chunk of a streamed file that `toCsv` began. */
export function toCsvRows(
  columns: readonly string[],
  rows: readonly Record<string, CsvValue>[],
): string {
  return stringify(
    rows.map((row) => columns.map((c) => cell(row[c]))),
    { record_delimiter: 'windows' },
  );
}
