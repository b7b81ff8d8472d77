import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes where needed, uses CRLF and writes objects as JSON', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: 'plain', b: 'a,b' },
        { a: 'say "hi"', b: { n: 1 } },
        { a: null, b: undefined },
      ],
    );
    expect(csv).toBe('a,b\r\nplain,"a,b"\r\n"say ""hi""","{""n"":1}"\r\n,\r\n');
  });

  it('defuses spreadsheet formulas and still parses back to the same text', () => {
    const csv = toCsv(['x'], [{ x: '=HYPERLINK("x")' }, { x: '@SUM(A1)' }, { x: '-2+3' }]);
    const back = parse(csv, { columns: true }) as { x: string }[];
    expect(back.map((r) => r.x)).toEqual(['\'=HYPERLINK("x")', "'@SUM(A1)", "'-2+3"]);
  });
});
