import { describe, expect, it } from 'vitest';
import { hasFormatting, parseWhatsAppFormatting } from './whatsapp-format';

describe('WhatsApp formatting', () => {
  it('reads bold, italic, strike and monospace, nested styles included', () => {
    expect(parseWhatsAppFormatting('Hi *Ada* and _you_ ~not~ ```x = 1```')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'Ada' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'you' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'not' }] },
      { kind: 'text', text: ' ' },
      { kind: 'mono', text: 'x = 1' },
    ]);
    expect(parseWhatsAppFormatting('*_both_*')).toEqual([
      { kind: 'bold', children: [{ kind: 'italic', children: [{ kind: 'text', text: 'both' }] }] },
    ]);
  });

  it('leaves markers that do not open or close as text, and HTML as text', () => {
    expect(parseWhatsAppFormatting('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }]);
    expect(parseWhatsAppFormatting('*open\nclosed*')).toEqual([
      { kind: 'text', text: '*open\nclosed*' },
    ]);
    expect(parseWhatsAppFormatting('<b>x</b>')).toEqual([{ kind: 'text', text: '<b>x</b>' }]);
    expect(hasFormatting('plain text')).toBe(false);
    expect(hasFormatting('a *b*')).toBe(true);
  });
});
