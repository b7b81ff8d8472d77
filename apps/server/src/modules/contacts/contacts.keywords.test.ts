import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentKeyword } from './contacts.keywords';
import { e164FromWaId } from './contacts.phone';

describe('consent keywords', () => {
  it('recognises STOP-style words whatever their case and punctuation', () => {
    for (const t of [
      'STOP',
      'stop',
      ' Stop! ',
      'unsubscribe',
      'Stop promotions',
      'BAJA',
      'opt-out',
    ]) {
      expect(consentKeyword(t)).toBe('stop');
    }
  });
  it('recognises START-style words', () => {
    expect(consentKeyword('start')).toBe('start');
    expect(consentKeyword('Resume')).toBe('start');
  });
  it('ignores sentences that merely contain the word', () => {
    expect(consentKeyword('please do not stop sending')).toBeNull();
    expect(consentKeyword('')).toBeNull();
    expect(consentKeyword(undefined)).toBeNull();
  });
  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => [null, 'stop', 'start'].includes(consentKeyword(s))));
  });
});

describe('wa_id to E.164', () => {
  it('reads digits as an international number', () => {
    expect(e164FromWaId('16505551234')).toBe('+16505551234');
    expect(e164FromWaId('447700900123')).toBe('+447700900123');
  });
  it('returns null for what cannot be a phone number', () => {
    expect(e164FromWaId('123')).toBeNull();
    expect(e164FromWaId('US.1349')).toBeNull();
  });
  it('always yields null or a +digits string (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = e164FromWaId(s);
        return r === null || /^\+\d{6,15}$/.test(r);
      }),
    );
  });
});
