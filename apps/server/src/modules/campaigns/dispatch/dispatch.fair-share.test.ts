import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FairShare, type CampaignDemand } from './dispatch.fair-share';
import { NumberPacer } from './dispatch.pacer';

const demandsArb = fc.uniqueArray(
  fc.record({
    campaignId: fc.stringMatching(/^c[0-9]{1,3}$/),
    wanted: fc.integer({ min: 0, max: 100_000 }),
    weight: fc.integer({ min: 1, max: 4 }),
  }),
  { selector: (d) => d.campaignId, maxLength: 8 },
);

describe('FairShare', () => {
  it('serves a 10-recipient campaign in the first grant beside a 100,000-recipient one', () => {
    const share = new FairShare();
    const grants = share.allocate(80, [
      { campaignId: 'big', wanted: 100_000 },
      { campaignId: 'small', wanted: 10 },
    ]);
    expect(grants.get('small')).toBe(10);
    expect(grants.get('big')).toBe(70);
  });

  it('splits by weight when every campaign wants more than its share', () => {
    const grants = new FairShare().allocate(90, [
      { campaignId: 'a', wanted: 1000, weight: 2 },
      { campaignId: 'b', wanted: 1000, weight: 1 },
    ]);
    expect(grants.get('a')).toBe(60);
    expect(grants.get('b')).toBe(30);
  });

  it('rotates the odd tokens so no campaign is favoured over time', () => {
    const share = new FairShare();
    const demands: CampaignDemand[] = ['a', 'b', 'c'].map((id) => ({
      campaignId: id,
      wanted: 1000,
    }));
    const totals = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      for (const [id, n] of share.allocate(1, demands)) totals.set(id, (totals.get(id) ?? 0) + n);
    }
    expect([...totals.values()]).toEqual([100, 100, 100]);
  });

  it('is work-conserving, never over-grants and is max-min fair by weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), demandsArb, (tokens, demands) => {
        const grants = new FairShare().allocate(tokens, demands);
        const total = [...grants.values()].reduce((s, n) => s + n, 0);
        const wanted = demands.reduce((s, d) => s + d.wanted, 0);
        expect(total).toBe(Math.min(tokens, wanted));
        for (const d of demands) {
          const got = grants.get(d.campaignId) ?? 0;
          expect(got).toBeLessThanOrEqual(d.wanted);
          if (got >= d.wanted) continue;
          // An unsatisfied campaign is never behind another by more than one round of weights.
          for (const other of demands) {
            const otherGot = grants.get(other.campaignId) ?? 0;
            expect(otherGot / other.weight).toBeLessThanOrEqual(got / d.weight + 1);
          }
        }
      }),
    );
  });
});

describe('NumberPacer', () => {
  it('shares one number fairly and tells when to come back', () => {
    const pacer = new NumberPacer(80);
    const first = pacer.take(0, [
      { campaignId: 'big', wanted: 100_000 },
      { campaignId: 'small', wanted: 10 },
    ]);
    expect(first.grants.get('small')).toBe(10);
    expect(first.grants.get('big')).toBe(70);
    expect(first.nextAt).toBe(1000);
    expect(pacer.take(500, [{ campaignId: 'big', wanted: 5 }]).grants.size).toBe(0);
  });

  it('asks nothing of the bucket when nothing is wanted', () => {
    const pacer = new NumberPacer(80);
    expect(pacer.take(0, [{ campaignId: 'a', wanted: 0 }])).toEqual({
      grants: new Map(),
      nextAt: null,
    });
    expect(pacer.take(0, [{ campaignId: 'a', wanted: 80 }]).grants.get('a')).toBe(80);
  });

  it('never lets several campaigns together exceed the number’s rate in any second', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), demandsArb), { maxLength: 60 }),
        (steps) => {
          const pacer = new NumberPacer(80);
          const sent: { at: number; count: number }[] = [];
          let now = 0;
          for (const [gap, demands] of steps) {
            now += gap;
            const { grants } = pacer.take(now, demands);
            const n = [...grants.values()].reduce((s, x) => s + x, 0);
            if (n > 0) sent.push({ at: now, count: n });
          }
          for (const s of sent) {
            const inWindow = sent
              .filter((g) => g.at >= s.at && g.at < s.at + 1000)
              .reduce((a, g) => a + g.count, 0);
            expect(inWindow).toBeLessThanOrEqual(80);
          }
        },
      ),
    );
  });
});
