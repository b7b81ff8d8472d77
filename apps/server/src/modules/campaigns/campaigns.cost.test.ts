import { describe, expect, it } from 'vitest';
import { CostEstimator, isFree } from './campaigns.cost';

const card = [
  { countryCode: 'US', category: 'utility', currency: 'USD', priceMicros: 4_000 },
  { countryCode: 'US', category: 'marketing', currency: 'USD', priceMicros: 25_000 },
  { countryCode: '*', category: 'marketing', currency: 'USD', priceMicros: 60_400 },
  { countryCode: 'DE', category: 'marketing', currency: 'EUR', priceMicros: 120_000 },
];

describe('the cost estimate', () => {
  it('frees utility inside the service window and service always; never marketing or authentication', () => {
    expect(isFree('utility', true)).toBe(true);
    expect(isFree('utility', false)).toBe(false);
    expect(isFree('service', false)).toBe(true);
    expect(isFree('marketing', true)).toBe(false);
    expect(isFree('authentication', true)).toBe(false);
  });

  it('prices utility per country and counts the free ones, across pages', () => {
    const e = new CostEstimator(card, 'utility');
    e.add([
      { country: 'US', inWindow: true },
      { country: 'US', inWindow: false },
    ]);
    e.add([{ country: 'US', inWindow: false }]);
    expect(e.result()).toEqual({
      currency: 'USD',
      totalMicros: 8_000,
      lines: [
        {
          category: 'utility',
          countryCode: 'US',
          recipients: 3,
          free: 1,
          priceMicros: 4_000,
          totalMicros: 8_000,
          currency: 'USD',
        },
      ],
      unpricedCountries: [],
    });
  });

  it("prices a country without a row by the '*' row and names it; without any row at 0", () => {
    const marketing = new CostEstimator(card, 'marketing');
    marketing.add([
      { country: 'VN', inWindow: false },
      { country: 'US', inWindow: true },
    ]);
    const r = marketing.result();
    expect(r.lines.map((l) => [l.countryCode, l.totalMicros])).toEqual([
      ['*', 60_400],
      ['US', 25_000],
    ]);
    expect(r.unpricedCountries).toEqual(['VN']);
    const auth = new CostEstimator(card, 'authentication');
    auth.add([{ country: 'BR', inWindow: false }]);
    expect(auth.result()).toMatchObject({
      totalMicros: 0,
      unpricedCountries: ['BR'],
      lines: [{ countryCode: 'BR', priceMicros: 0 }],
    });
  });

  it('gives no single currency when the lines are priced in several', () => {
    const e = new CostEstimator(card, 'marketing');
    e.add([
      { country: 'DE', inWindow: false },
      { country: 'US', inWindow: false },
    ]);
    expect(e.result().currency).toBeNull();
  });
});
