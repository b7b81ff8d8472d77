import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mainZoneByCountry,
  recipientTimeZone,
  sendWindowState,
  windowStateIn,
  zonesOfCountry,
} from './dispatch.window';

const HOUR = 3_600_000;
const day9to20 = { start: '09:00', end: '20:00' };
const utc = (iso: string): number => Date.parse(iso);

describe('recipientTimeZone', () => {
  it('takes the zone of the number’s country', () => {
    expect(recipientTimeZone('+919812345678')).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    expect(recipientTimeZone('+989121234567')).toBe('Asia/Tehran');
    expect(recipientTimeZone('+447400123456')).toBe('Europe/London');
  });

  it('takes the main zone of a country with several, not ICU’s alphabetical first', () => {
    // ICU lists America/Adak first for the United States and America/Araguaina for Brazil.
    expect(recipientTimeZone('+14155550123')).toBe('America/New_York');
    expect(recipientTimeZone('+5511987654321')).toBe('America/Sao_Paulo');
    expect(recipientTimeZone('+79161234567')).toBe('Europe/Moscow');
    expect(recipientTimeZone('+61412345678')).toBe('Australia/Sydney');
    expect(recipientTimeZone('+5215512345678')).toBe('America/Mexico_City');
    expect(recipientTimeZone('+6281234567890')).toBe('Asia/Jakarta');
    expect(
      recipientTimeZone('+14155550123', { zoneByCountry: { US: 'America/Los_Angeles' } }),
    ).toBe('America/Los_Angeles');
  });

  it('names a zone of the country itself for every country with several', () => {
    for (const [country, zone] of Object.entries(mainZoneByCountry)) {
      expect(zonesOfCountry(country), country).toContain(zone);
      expect(zonesOfCountry(country).length, country).toBeGreaterThan(1);
    }
  });

  it('opens a US window at 09:00 Eastern time', () => {
    // 12:59Z in June is 08:59 EDT: closed until 13:00Z.
    expect(sendWindowState('+14155550123', day9to20, utc('2026-06-01T12:59:00Z'))).toMatchObject({
      isOpen: false,
      timeZone: 'America/New_York',
      opensAt: utc('2026-06-01T13:00:00Z'),
    });
  });

  it('has no zone for a number without a country', () => {
    expect(recipientTimeZone('+80012345678')).toBeNull();
    expect(sendWindowState('+80012345678', day9to20, utc('2026-06-01T08:59:00Z')).timeZone).toBe(
      'UTC',
    );
  });
});

describe('sendWindowState', () => {
  it('is always open without a window', () => {
    expect(sendWindowState('+989121234567', null, 0)).toEqual({
      isOpen: true,
      timeZone: 'Asia/Tehran',
    });
  });

  it('reads the window in India’s +05:30', () => {
    // 03:29Z = 08:59 IST: closed, opens 03:30Z; 14:29Z = 19:59 IST open; 14:30Z = 20:00 closed.
    expect(sendWindowState('+919812345678', day9to20, utc('2026-06-01T03:29:00Z'))).toMatchObject({
      isOpen: false,
      opensAt: utc('2026-06-01T03:30:00Z'),
    });
    expect(sendWindowState('+919812345678', day9to20, utc('2026-06-01T14:29:59Z')).isOpen).toBe(
      true,
    );
    expect(sendWindowState('+919812345678', day9to20, utc('2026-06-01T14:30:00Z'))).toMatchObject({
      isOpen: false,
      opensAt: utc('2026-06-02T03:30:00Z'),
    });
  });

  it('reads the window in Iran’s +03:30 (no daylight saving since 2022)', () => {
    // 09:00 Tehran is 05:30Z in January and in July alike.
    for (const date of ['2026-01-15', '2026-07-15']) {
      expect(sendWindowState('+989121234567', day9to20, utc(`${date}T05:00:00Z`))).toMatchObject({
        isOpen: false,
        opensAt: utc(`${date}T05:30:00Z`),
      });
    }
  });

  it('opens at 09:00 local across the spring and autumn changes in London', () => {
    // Clocks go forward on 29 March 2026 (01:00Z) and back on 25 October 2026 (01:00Z).
    expect(sendWindowState('+447400123456', day9to20, utc('2026-03-28T21:00:00Z'))).toMatchObject({
      isOpen: false,
      opensAt: utc('2026-03-29T08:00:00Z'),
    });
    expect(sendWindowState('+447400123456', day9to20, utc('2026-10-24T20:00:00Z'))).toMatchObject({
      isOpen: false,
      opensAt: utc('2026-10-25T09:00:00Z'),
    });
  });
});

describe('windowStateIn', () => {
  it('opens at the jump when the start does not exist that day (New York, 8 March 2026)', () => {
    // 02:00 EST → 03:00 EDT at 07:00Z; a window starting 02:30 opens at the jump.
    const state = windowStateIn(
      'America/New_York',
      { start: '02:30', end: '06:00' },
      utc('2026-03-08T05:00:00Z'),
    );
    expect(state.isOpen).toBe(false);
    const opensAt = state.isOpen ? 0 : state.opensAt;
    expect(opensAt).toBeGreaterThanOrEqual(utc('2026-03-08T07:00:00Z'));
    expect(opensAt).toBeLessThan(utc('2026-03-08T07:00:01Z'));
    expect(
      windowStateIn('America/New_York', { start: '02:30', end: '06:00' }, opensAt).isOpen,
    ).toBe(true);
  });

  it('opens at the first of the two 01:30s when clocks go back (New York, 1 November 2026)', () => {
    const state = windowStateIn(
      'America/New_York',
      { start: '01:30', end: '05:00' },
      utc('2026-11-01T04:00:00Z'),
    );
    expect(state).toMatchObject({ isOpen: false, opensAt: utc('2026-11-01T05:30:00Z') });
  });

  it('handles a window past midnight', () => {
    const night = { start: '22:00', end: '06:00' };
    expect(windowStateIn('UTC', night, utc('2026-06-01T23:00:00Z')).isOpen).toBe(true);
    expect(windowStateIn('UTC', night, utc('2026-06-01T05:59:00Z')).isOpen).toBe(true);
    expect(windowStateIn('UTC', night, utc('2026-06-01T12:00:00Z'))).toMatchObject({
      isOpen: false,
      opensAt: utc('2026-06-01T22:00:00Z'),
    });
  });

  it('refuses a malformed or empty window', () => {
    expect(() => windowStateIn('UTC', { start: '9:00', end: '20:00' }, 0)).toThrow(RangeError);
    expect(() => windowStateIn('UTC', { start: '09:00', end: '09:00' }, 0)).toThrow(RangeError);
  });

  it('when closed, is open at the opening it names, closed a second before, and it lies within 2 days', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Asia/Tehran',
      'Australia/Lord_Howe',
    ];
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        hhmm,
        hhmm,
        fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2027-01-01T00:00:00Z') }),
        (zone, start, end, now) => {
          fc.pre(start !== end);
          const window = { start, end };
          const state = windowStateIn(zone, window, now);
          if (state.isOpen) return;
          expect(state.opensAt).toBeGreaterThan(now);
          expect(state.opensAt - now).toBeLessThanOrEqual(48 * HOUR);
          expect(windowStateIn(zone, window, state.opensAt).isOpen).toBe(true);
          expect(windowStateIn(zone, window, state.opensAt - 1000).isOpen).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
