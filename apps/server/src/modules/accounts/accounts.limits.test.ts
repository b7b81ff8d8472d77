import { describe, expect, it } from 'vitest';
import { compareTiers, tierLabel } from './accounts.mapper';
import { tierOfCount } from './accounts.webhooks';
import { isSameNumberStatus } from './accounts.health';

describe('messaging limit tiers since October 2025', () => {
  it('labels the portfolio tiers 250, 2K, 10K, 100K and unlimited', () => {
    expect(
      ['TIER_250', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'].map(tierLabel),
    ).toEqual(['250', '2K', '10K', '100K', 'Unlimited']);
  });

  it('no longer knows the 50 and 1K tiers: a legacy value is shown as Meta sent it', () => {
    expect(tierLabel('TIER_50')).toBe('TIER_50');
    expect(tierLabel('TIER_1K')).toBe('TIER_1K');
    expect(compareTiers('TIER_1K', 'TIER_2K')).toBe(0);
    expect(compareTiers('TIER_250', 'TIER_2K')).toBeLessThan(0);
  });

  it('maps a deprecated per-phone count onto the current tiers', () => {
    expect(tierOfCount(50)).toBe('TIER_250');
    expect(tierOfCount(250)).toBe('TIER_250');
    expect(tierOfCount(1_000)).toBe('TIER_2K');
    expect(tierOfCount(2_000)).toBe('TIER_2K');
    expect(tierOfCount(10_000)).toBe('TIER_10K');
    expect(tierOfCount(100_000)).toBe('TIER_100K');
    expect(tierOfCount(-1)).toBe('TIER_UNLIMITED');
  });
});

describe('phone number statuses', () => {
  it('accepts both CONNECTED (older versions) and v23’s LINKED as the same working state', () => {
    expect(isSameNumberStatus('CONNECTED', 'LINKED')).toBe(true);
    expect(isSameNumberStatus('LINKED', 'CONNECTED')).toBe(true);
    expect(isSameNumberStatus('CONNECTED', 'RESTRICTED')).toBe(false);
    expect(isSameNumberStatus(null, 'LINKED')).toBe(false);
  });
});
