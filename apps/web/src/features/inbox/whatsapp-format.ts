/** A piece of formatted text: plain, or one of WhatsApp's styles around its own pieces. */
export type FormatNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: FormatNode[] }
  | { kind: 'mono'; text: string };

const markers = { '*': 'bold', _: 'italic', '~': 'strike' } as const;

/**
 * Parses WhatsApp's formatting (*bold*, _italic_, ~strike~, ```mono```) into nodes the
 * composer renders as React elements; the text is never interpreted as HTML. Like WhatsApp,
 * a marker only opens before a non-space and closes after one, on the same line.
 */
export function parseWhatsAppFormatting(text: string): FormatNode[] {
  const out: FormatNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      if (end > i + 3) {
        flush();
        out.push({ kind: 'mono', text: text.slice(i + 3, end) });
        i = end + 3;
        continue;
      }
    }
    const ch = text[i] ?? '';
    const kind = markers[ch as keyof typeof markers];
    const next = text[i + 1];
    if (kind !== undefined && next !== undefined && !/\s/.test(next) && next !== ch) {
      const end = closing(text, i + 1, ch);
      if (end !== -1) {
        flush();
        out.push({ kind, children: parseWhatsAppFormatting(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}

/** The index of the marker closing one opened before `from`, on the same line, or -1. */
function closing(text: string, from: number, marker: string): number {
  for (let j = from + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c === marker && !/\s/.test(text[j - 1] ?? ' ')) return j;
  }
  return -1;
}

/** True when the text uses any formatting (the preview is shown only then). */
export function hasFormatting(text: string): boolean {
  return parseWhatsAppFormatting(text).some((n) => n.kind !== 'text');
}
