import { describe, expect, it } from 'vitest';
import type { DraftComponent } from '@kiana/contracts';
import {
  epochToZoned,
  formatDuration,
  renderFor,
  resolveValue,
  slotsOf,
  toCsv,
  unmapped,
  zonedToEpoch,
} from './campaigns.format';
import { parseNumbers } from './wizard-state';

const components: DraftComponent[] = [
  { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' },
  {
    type: 'BODY',
    text: 'Dear {{1}}, your code {{2}} expires {{1}}.',
    example: { body_text: [['A', 'B']] },
  },
  {
    type: 'BUTTONS',
    buttons: [
      { type: 'QUICK_REPLY', text: 'Stop' },
      { type: 'URL', text: 'Open', url: 'https://x.test/{{1}}' },
    ],
  },
];
const sample = { name: 'Ana', phone: '+34600000001', attributes: { code: 'Z9' } };

describe('campaign wizard helpers', () => {
  it('lists every parameter slot with the renderer keys', () => {
    expect(slotsOf(components).map((s) => s.key)).toEqual([
      'header.1',
      'body.1',
      'body.2',
      'button.1',
    ]);
  });

  it('resolves each source, taking the fallback only when the value is missing', () => {
    expect(resolveValue({ source: 'field', key: 'name', fallback: 'friend' }, sample)).toBe('Ana');
    expect(
      resolveValue({ source: 'field', key: 'name', fallback: 'friend' }, { ...sample, name: null }),
    ).toBe('friend');
    expect(resolveValue({ source: 'attribute', key: 'code', fallback: null }, sample)).toBe('Z9');
    expect(resolveValue({ source: 'attribute', key: 'tier', fallback: null }, sample)).toBeNull();
    expect(resolveValue({ source: 'fixed', value: 'X' }, sample)).toBe('X');
    expect(resolveValue({ source: 'csv', column: 'city', fallback: 'there' }, sample)).toBe(
      'there',
    );
  });

  it('renders the message a recipient would get, leaving unmapped variables visible', () => {
    const out = renderFor(
      components,
      { 'body.1': { source: 'field', key: 'name', fallback: null } },
      sample,
    );
    expect(out[1]?.text).toBe('Dear Ana, your code {{2}} expires Ana.');
    // The template's own examples must not fill a gap the mapping left.
    expect(out[1]?.example).toBeUndefined();
    expect(out[0]?.text).toBe('Hi {{1}}');
    expect(unmapped(slotsOf(components), { 'body.1': { source: 'fixed', value: 'x' } })).toEqual([
      'header.1',
      'body.2',
      'button.1',
    ]);
  });

  it('reads a wall-clock time in the chosen zone, across daylight saving', () => {
    expect(zonedToEpoch('2026-07-01T09:00', 'Europe/Madrid')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(zonedToEpoch('2026-12-01T09:00', 'Europe/Madrid')).toBe(Date.UTC(2026, 11, 1, 8, 0));
    expect(zonedToEpoch('2026-12-01T09:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 14, 0));
    expect(epochToZoned(Date.UTC(2026, 11, 1, 14, 0), 'America/New_York')).toBe('2026-12-01T09:00');
    expect(zonedToEpoch('tomorrow', 'UTC')).toBeNull();
  });

  it('formats durations and parses pasted numbers once each', () => {
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(parseNumbers('+1 555 0100\n+1 555 0101, +1 555 0100;')).toEqual([
      '+1 555 0100',
      '+1 555 0101',
    ]);
  });

  it('writes CSV that spreadsheets read safely', () => {
    expect(toCsv([['+34600000001', '=cmd()', 'a,b', null]])).toBe(
      '+34600000001,\'=cmd(),"a,b",\r\n',
    );
  });
});
