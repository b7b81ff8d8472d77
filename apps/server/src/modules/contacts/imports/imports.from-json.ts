import { stringify } from 'csv-stringify/sync';
import type { ImportMappingDto, JsonImportContact } from '@kiana/contracts';
import { ValidationError } from '../../../errors';

/** Where contacts[i] lands in the import's numbering: the CSV's header is row 1. */
export const jsonRowOf = (index: number): number => index + 2;

/**
 * Writes a JSON import as the CSV the import job reads, with the mapping of its columns, so
 * JSON and CSV share one parser, one validation, one policy and one rejected-rows report.
 * Cells are written as given (no formula defusing: the job reads this file, not a spreadsheet,
 * and a leading `+` is part of a number). Undeclared attribute keys are refused up front,
 * each named by row and field.
 */
export function jsonImportAsCsv(
  contacts: readonly JsonImportContact[],
  declaredKeys: readonly string[],
): { csv: string; mapping: ImportMappingDto } {
  const declared = new Set(declaredKeys);
  const problems: { row: number; index: number; field: string; reason: string }[] = [];
  const used = new Set<string>();
  contacts.forEach((c, index) => {
    for (const key of Object.keys(c.attributes ?? {})) {
      if (declared.has(key)) used.add(key);
      else
        problems.push({
          row: jsonRowOf(index),
          index,
          field: `contacts.${index}.attributes.${key}`,
          reason: 'No such attribute is declared (Settings → contact attributes)',
        });
    }
  });
  const first = problems[0];
  if (first !== undefined)
    throw new ValidationError(`${first.field}: ${first.reason}`, problems.slice(0, 100));
  const keys = [...used].sort();
  const header = ['number', 'name', 'tags', 'language', 'consent', ...keys];
  const rows = contacts.map((c) => [
    c.number,
    c.name ?? '',
    (c.tags ?? []).join('|'),
    c.language ?? '',
    c.consent === undefined ? '' : c.consent ? 'yes' : 'no',
    ...keys.map((k) => {
      const v = c.attributes?.[k];
      return v === undefined ? '' : String(v);
    }),
  ]);
  const mapping: ImportMappingDto = {
    number: 0,
    name: 1,
    tags: 2,
    language: 3,
    consent: 4,
    attributes: Object.fromEntries(keys.map((k, i) => [k, 5 + i])),
  };
  return { csv: stringify([header, ...rows], { record_delimiter: 'windows' }), mapping };
}
