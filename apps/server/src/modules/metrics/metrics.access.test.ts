import { describe, expect, it } from 'vitest';
import { bearerToken, isAddressAllowed, parseBlock, tokensMatch } from './metrics.access';

describe('metrics access', () => {
  it('accepts addresses and CIDR blocks and refuses anything else', () => {
    expect(parseBlock('10.0.0.0/8')).toEqual({ ip: '10.0.0.0', bits: 8, family: 'ipv4' });
    expect(parseBlock('2001:db8::/32')?.family).toBe('ipv6');
    expect(parseBlock('192.0.2.7')?.bits).toBe(32);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '1.2.3/8', '10.0.0.0/x'])
      expect(parseBlock(bad)).toBeNull();
  });

  it('allows any address with an empty list, else only listed ones', () => {
    expect(isAddressAllowed('203.0.113.9', [])).toBe(true);
    expect(isAddressAllowed('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressAllowed('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressAllowed('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(isAddressAllowed('2001:db8::1', ['2001:db8::/32'])).toBe(true);
    expect(isAddressAllowed('2001:db9::1', ['2001:db8::/32'])).toBe(false);
  });

  it('reads only a Bearer token and compares it exactly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });
});
