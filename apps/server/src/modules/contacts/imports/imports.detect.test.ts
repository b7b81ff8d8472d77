import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, guessMapping, isValidUtf8 } from './imports.detect';

const utf16 = (text: string, order: 'le' | 'be', bom: boolean): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const body = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
};

describe('import encoding detection', () => {
  it('reads a UTF-8 byte-order mark, and UTF-8 without one', () => {
    expect(detectEncoding(Buffer.from('\ufeffphone,name\n+351,José\n'))).toEqual({
      encoding: 'utf-8',
      hasBom: true,
    });
    expect(detectEncoding(Buffer.from('phone,name\n+351,José\n'))).toEqual({
      encoding: 'utf-8',
      hasBom: false,
    });
  });

  it('reads UTF-16 LE and BE by their mark, and by the zero bytes of ASCII text without one', () => {
    const text = 'phone;name\n+351912345678;Ana\n';
    expect(detectEncoding(utf16(text, 'le', true))).toEqual({ encoding: 'utf-16le', hasBom: true });
    expect(detectEncoding(utf16(text, 'be', true))).toEqual({ encoding: 'utf-16be', hasBom: true });
    expect(detectEncoding(utf16(text, 'le', false)).encoding).toBe('utf-16le');
    expect(detectEncoding(utf16(text, 'be', false)).encoding).toBe('utf-16be');
  });

  it('takes text that is not valid UTF-8 for Windows-1252 (accents written by Excel)', () => {
    const cp1252 = Buffer.from([...Buffer.from('name\nJos'), 0xe9, 0x0a]);
    expect(detectEncoding(cp1252)).toEqual({ encoding: 'windows-1252', hasBom: false });
  });

  it('accepts a sample cut inside a multi-byte character as UTF-8', () => {
    const cut = Buffer.from('ação').subarray(0, 3);
    expect(isValidUtf8(cut)).toBe(true);
    expect(isValidUtf8(Buffer.from([0xc3, 0x28]))).toBe(false);
  });
});

describe('import delimiter detection', () => {
  it('finds comma, semicolon and tab', () => {
    expect(detectDelimiter('phone,name,tags\n1,a,b\n2,c,d\n')).toBe(',');
    expect(detectDelimiter('phone;name;tags\n1;a,x;b\n2;c;d\n')).toBe(';');
    expect(detectDelimiter('phone\tname\n1\ta, b\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes, also across quoted line breaks', () => {
    expect(detectDelimiter('phone;name\n1;"Smith, John"\n2;"a,\nb,c"\n3;x\n')).toBe(';');
  });
});

describe('import mapping guess', () => {
  it('maps common header names in several languages and declared attributes', () => {
    const header = ['Nombre', 'Teléfono', 'Etiquetas', 'Idioma', 'Opt-in', 'city', 'Plan'];
    expect(guessMapping(header, [], ['plan', 'city'])).toEqual({
      number: 1,
      name: 0,
      tags: 2,
      language: 3,
      consent: 4,
      attributes: { plan: 6, city: 5 },
    });
  });

  it('finds the number column from the values when no header names it', () => {
    const rows = [
      ['Ana', '+351 912 345 678'],
      ['Rui', '(11) 98765-4321'],
    ];
    expect(guessMapping(['who', 'contact details'], rows, []).number).toBe(1);
  });
});
